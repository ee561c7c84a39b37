using System.Security.Cryptography.Xml;
using System.Xml;
using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Shep.Security;

/// <summary>
/// BusinessSignature.Sign must produce what SignedXml produces for the same payload and key: RSA PKCS#1 v1.5 is
/// deterministic, so the DigestValue and the SignatureValue are compared byte for byte, and the result must
/// verify through the gateway's own (SignedXml-based) check.
/// </summary>
public sealed class BusinessSignatureSignTests
{
    private static readonly TestPki Pki = TestPki.Shared;

    public static TheoryData<string> Payloads => new()
    {
        "<Request><RequestorBIN>260449000015</RequestorBIN><BIN>260449000011</BIN></Request>",
        "<status xmlns='urn:pr:monitoring:1' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xmlns:xs='http://www.w3.org/2001/XMLSchema'><code xsi:type='xs:string'>CASE_OPENED</code><text lang='kk'>Өтініш қабылданды</text></status>",
        "<r xmlns:unused='urn:unused' xmlns:p='urn:p'><p:a p:attr='1' b='2' a='3'>x &amp; y &lt; z &gt; w\r\n\ttab</p:a><!-- a comment --><?pi some data?><c><![CDATA[<cdata & stuff>]]></c></r>",
        "<r xmlns='urn:d'><a><b xmlns=''><c xmlns='urn:d2'/></b></a><p:x xmlns:p='urn:p1'><p:y xmlns:p='urn:p2'/><p:z xmlns:p='urn:p1'/></p:x></r>",
        "<?xml version='1.0' encoding='utf-8'?>\n<r a='line&#10;break&#9;tab&#13;cr &quot; &lt; &amp;'><child xml:lang='ru'>Изменение наименования</child></r>",
        "<!-- before the root --><r><a/></r>",
        "<r xml:lang='kk'><a/></r>",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Sign_Payload_MatchesSignedXmlAndVerifies(string xml)
    {
        // Arrange
        var ours = SafeXml.LoadString(xml);
        var theirs = SafeXml.LoadString(xml);

        // Act
        BusinessSignature.Sign(ours, Pki.Client);
        SignWithSignedXml(theirs, Pki.Client);

        // Assert
        Assert.Equal(Value(theirs, "DigestValue"), Value(ours, "DigestValue"));
        Assert.Equal(Value(theirs, "SignatureValue"), Value(ours, "SignatureValue"));
        var carried = SafeXml.LoadString("<data>" + ours.DocumentElement!.OuterXml + "</data>").DocumentElement!;
        var verified = new BusinessSignature(SignatureAlgorithmSet.Default).Verify(carried, required: true, XmlLimits.Default);
        Assert.Equal(Pki.Client.Certificate.Thumbprint, verified!.Certificate.Thumbprint);
    }

    [Fact]
    public void Sign_DocumentBuiltWithoutDeclarations_MatchesSignedXml()
    {
        // A DOM built in code: the prefix p has no xmlns:p attribute anywhere (the writer adds one on output).
        var ours = BuiltInCode();
        var theirs = BuiltInCode();

        BusinessSignature.Sign(ours, Pki.Client);
        SignWithSignedXml(theirs, Pki.Client);

        Assert.Equal(Value(theirs, "SignatureValue"), Value(ours, "SignatureValue"));
    }

    private static XmlDocument BuiltInCode()
    {
        var document = SafeXml.NewDocument();
        var root = document.CreateElement("p", "request", "urn:p");
        document.AppendChild(root);
        var bin = document.CreateElement("p", "bin", "urn:p");
        bin.InnerText = "260449000011";
        root.AppendChild(bin);
        return document;
    }

    private static string Value(XmlDocument document, string name) =>
        document.GetElementsByTagName(name, ShepNamespaces.XmlDsig).OfType<XmlElement>().Single().InnerText;

    /// <summary>What BusinessSignature.Sign did before it had its own path (session 3).</summary>
    private static void SignWithSignedXml(XmlDocument payload, SigningCredentials credentials)
    {
        var signedXml = new SignedXml(payload) { SigningKey = credentials.Key };
        signedXml.SignedInfo!.CanonicalizationMethod = SignatureAlgorithmSet.C14N;
        signedXml.SignedInfo.SignatureMethod = SignatureAlgorithmSet.RsaSha256;
        var reference = new Reference(string.Empty) { DigestMethod = SignatureAlgorithmSet.Sha256 };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigC14NWithCommentsTransform());
        signedXml.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(credentials.Certificate));
        signedXml.KeyInfo = keyInfo;
        signedXml.ComputeSignature();
        payload.DocumentElement!.AppendChild(payload.ImportNode(signedXml.GetXml(), deep: true));
    }
}

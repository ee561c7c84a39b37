using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Security;
using static ProactiveReissue.IntegrationTests.Corpus.CorpusMutations;

namespace ProactiveReissue.IntegrationTests.Corpus;

/// <summary>Post-signing steps on the ds:Signature of the wsse:Security header: SignedInfo, values, KeyInfo.</summary>
public static class CorpusSignatureMutations
{
    private const string Xslt = "http://www.w3.org/TR/1999/REC-xslt-19991116";
    private const string C14N11 = "http://www.w3.org/2006/12/xml-c14n11";
    private const string HmacSha1 = "http://www.w3.org/2000/09/xmldsig#hmac-sha1";
    private const string RsaSha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    private const string Md5 = "http://www.w3.org/2001/04/xmldsig-more#md5";

    /// <summary>Re-signs the Body with .NET's SignedXml as WSS4J clients do (InclusiveNamespaces PrefixList): the gateway's SignedXml path.</summary>
    public const string ResignWss4jStyle = "resign-wss4j-style";

    public static IReadOnlyDictionary<string, Action<XmlDocument, CorpusContext>> All { get; } = new Dictionary<string, Action<XmlDocument, CorpusContext>>(StringComparer.Ordinal)
    {
        ["reference-uri-to-missing-id"] = (d, _) => Reference(d).SetAttribute("URI", "#id-does-not-exist"),
        ["reference-uri-empty"] = (d, _) => Reference(d).SetAttribute("URI", string.Empty),
        ["add-second-reference"] = (d, _) => Reference(d).ParentNode!.AppendChild(Reference(d).CloneNode(deep: true)),
        ["add-xslt-transform"] = (d, _) => AddXsltTransform(d),
        ["canonicalization-c14n11"] = (d, _) => SignedInfoChild(d, "CanonicalizationMethod").SetAttribute("Algorithm", C14N11),
        ["signature-method-gost34310"] = (d, _) => SignedInfoChild(d, "SignatureMethod").SetAttribute("Algorithm", SignatureAlgorithmSet.Gost34310),
        ["signature-method-gost2015"] = (d, _) => SignedInfoChild(d, "SignatureMethod").SetAttribute("Algorithm", SignatureAlgorithmSet.Gost2015),
        ["signature-method-hmac-sha1"] = (d, _) => SignedInfoChild(d, "SignatureMethod").SetAttribute("Algorithm", HmacSha1),
        ["signature-method-rsa-sha1"] = (d, _) => SignedInfoChild(d, "SignatureMethod").SetAttribute("Algorithm", RsaSha1),
        ["digest-method-md5"] = (d, _) => ReferenceChild(d, "DigestMethod").SetAttribute("Algorithm", Md5),
        ["change-digest"] = (d, _) => ReferenceChild(d, "DigestValue").InnerText = Convert.ToBase64String(new byte[32]),
        ["digest-not-base64"] = (d, _) => ReferenceChild(d, "DigestValue").InnerText = "%%% not base64 %%%",
        ["remove-signature-value"] = (d, _) => Remove(SignatureChild(d, "SignatureValue")),
        ["signature-value-not-base64"] = (d, _) => SignatureChild(d, "SignatureValue").InnerText = "%%% not base64 %%%",
        ["keyinfo-garbage-base64"] = (d, _) => KeyIdentifier(d).InnerText = "@@@ this is not base64 @@@",
        ["keyinfo-not-a-certificate"] = (d, _) => KeyIdentifier(d).InnerText = Convert.ToBase64String(Encoding.ASCII.GetBytes("this is not a DER certificate")),
        ["keyinfo-substitute-client-certificate"] = (d, c) => KeyIdentifier(d).InnerText = c.Pki.Client.CertificateBase64,
        ["remove-keyinfo"] = (d, _) => Remove(SignatureChild(d, "KeyInfo")),
        ["keyinfo-add-garbage-x509data"] = (d, _) => AddGarbageX509Data(d),
        ["issuerserial-serial-400k-digits"] = (d, _) => One(d, "//ds:KeyInfo//ds:X509IssuerSerial/ds:X509SerialNumber").InnerText = new string('9', 400_000),
        ["remove-binary-security-token"] = (d, _) => Remove(One(d, "//wsse:Security/wsse:BinarySecurityToken")),
        ["sign-timestamp-instead-of-body"] = SignTimestampInsteadOfBody,
        [ResignWss4jStyle] = ResignWss4j,
    };

    private static XmlElement Signature(XmlDocument d) => One(d, "/soap:Envelope/soap:Header/wsse:Security/ds:Signature");

    private static XmlElement SignatureChild(XmlDocument d, string name) =>
        Signature(d)[name, ShepNamespaces.XmlDsig] ?? throw new InvalidOperationException($"Corpus mutation: ds:Signature has no ds:{name}.");

    private static XmlElement SignedInfoChild(XmlDocument d, string name) =>
        SignatureChild(d, "SignedInfo")[name, ShepNamespaces.XmlDsig] ?? throw new InvalidOperationException($"Corpus mutation: SignedInfo has no ds:{name}.");

    private static XmlElement Reference(XmlDocument d) => SignedInfoChild(d, "Reference");

    private static XmlElement ReferenceChild(XmlDocument d, string name) =>
        Reference(d)[name, ShepNamespaces.XmlDsig] ?? throw new InvalidOperationException($"Corpus mutation: Reference has no ds:{name}.");

    private static XmlElement KeyIdentifier(XmlDocument d) => One(d, "//ds:KeyInfo/wsse:SecurityTokenReference/wsse:KeyIdentifier");

    private static void Remove(XmlNode node) => node.ParentNode!.RemoveChild(node);

    /// <summary>An XSLT transform that would read a local file, appended to the Reference's transforms.</summary>
    private static void AddXsltTransform(XmlDocument d)
    {
        var transforms = ReferenceChild(d, "Transforms");
        var transform = QualifiedElement(d, "ds", "Transform", ShepNamespaces.XmlDsig);
        transform.SetAttribute("Algorithm", Xslt);
        var stylesheet = SafeLoad("<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:template match=\"/\">"
            + "<xsl:value-of select=\"document('file:///etc/passwd')\"/></xsl:template></xsl:stylesheet>");
        transform.AppendChild(d.ImportNode(stylesheet, deep: true));
        transforms.AppendChild(transform);
    }

    /// <summary>Keeps the valid KeyIdentifier (so a certificate is found) and adds ds:X509Data with garbage base64.</summary>
    private static void AddGarbageX509Data(XmlDocument d)
    {
        var data = QualifiedElement(d, "ds", "X509Data", ShepNamespaces.XmlDsig);
        AddQualified(data, "ds", "X509Certificate", ShepNamespaces.XmlDsig, "!!! not base64 !!!");
        SignatureChild(d, "KeyInfo").AppendChild(data);
    }

    /// <summary>
    /// Replaces the signature with a cryptographically valid one over a wsu:Timestamp of the Security
    /// header: the message is signed, but not its Body.
    /// </summary>
    private static void SignTimestampInsteadOfBody(XmlDocument d, CorpusContext context)
    {
        var security = Security(d);
        Remove(Signature(d));
        const string id = "TS-corpus-1";
        var timestamp = QualifiedElement(d, "wsu", "Timestamp", ShepNamespaces.Wsu);
        var idAttribute = d.CreateAttribute("wsu", "Id", ShepNamespaces.Wsu);
        idAttribute.Value = id;
        timestamp.Attributes.Append(idAttribute);
        AddQualified(timestamp, "wsu", "Created", ShepNamespaces.Wsu, CorpusEnvelope.ClientDate(context.Now));
        AddQualified(timestamp, "wsu", "Expires", ShepNamespaces.Wsu, CorpusEnvelope.ClientDate(context.Now.AddMinutes(5)));
        security.AppendChild(timestamp);

        var str = QualifiedElement(d, "wsse", "SecurityTokenReference", ShepNamespaces.Wsse);
        var keyIdentifier = AddQualified(str, "wsse", "KeyIdentifier", ShepNamespaces.Wsse, context.Pki.Client.CertificateBase64);
        keyIdentifier.SetAttribute("EncodingType", ShepNamespaces.Base64Binary);
        keyIdentifier.SetAttribute("ValueType", ShepNamespaces.X509TokenProfile);
        SignWithSignedXml(d, security, timestamp, id, context.Pki.Client, str, inclusivePrefixes: null);
    }

    /// <summary>Replaces the signature by one over the same Body, made by SignedXml the way WSS4J does it.</summary>
    private static void ResignWss4j(XmlDocument d, CorpusContext context)
    {
        var str = (XmlElement)One(d, "//wsse:Security/ds:Signature/ds:KeyInfo/wsse:SecurityTokenReference").CloneNode(deep: true);
        Remove(Signature(d));
        var body = Body(d);
        var credentials = context.Signer ?? throw new InvalidOperationException("Corpus mutation: resign needs a signed envelope.");
        SignWithSignedXml(d, Security(d), body, body.GetAttribute("Id", ShepNamespaces.Wsu), credentials, str, inclusivePrefixes: "soap");
    }

    /// <summary>A ds:Signature made by .NET's SignedXml over one element, appended to the Security header.</summary>
    private static void SignWithSignedXml(XmlDocument d, XmlElement security, XmlElement target, string id, SigningCredentials credentials, XmlElement keyInfoContent, string? inclusivePrefixes)
    {
        var signedXml = new TargetSignedXml(d, id, target) { SigningKey = credentials.Key };
        signedXml.SignedInfo!.CanonicalizationMethod = SignatureAlgorithmSet.ExcC14N;
        if (inclusivePrefixes is not null)
        {
            ((XmlDsigExcC14NTransform)signedXml.SignedInfo.CanonicalizationMethodObject).InclusiveNamespacesPrefixList = inclusivePrefixes;
        }

        signedXml.SignedInfo.SignatureMethod = SignatureAlgorithmSet.RsaSha256;
        var reference = new Reference("#" + id) { DigestMethod = SignatureAlgorithmSet.Sha256 };
        reference.AddTransform(inclusivePrefixes is null ? new XmlDsigExcC14NTransform() : new XmlDsigExcC14NTransform(inclusivePrefixes));
        signedXml.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoNode(keyInfoContent));
        signedXml.KeyInfo = keyInfo;
        signedXml.ComputeSignature();
        security.AppendChild(d.ImportNode(signedXml.GetXml(), deep: true));
    }

    private static XmlElement SafeLoad(string xml) => Shep.Xml.SafeXml.LoadString(xml).DocumentElement!;

    /// <summary>SignedXml that resolves one wsu:Id to the element given (SignedXml only knows plain Id attributes).</summary>
    private sealed class TargetSignedXml(XmlDocument owner, string id, XmlElement target) : SignedXml(owner)
    {
        public override XmlElement? GetIdElement(XmlDocument? document, string idValue) =>
            string.Equals(idValue, id, StringComparison.Ordinal) ? target : null;
    }
}

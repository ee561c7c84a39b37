using System.Security;
using System.Xml;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Shep.Security;

public sealed class BusinessSignatureTests
{
    private const string XsString = "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"xs:string\"";
    private static readonly TestPki Pki = TestPki.Shared;
    private readonly BusinessSignature _signature = new(SignatureAlgorithmSet.Default);

    [Fact]
    public void Verify_SignedPayloadAsChildElement_ReturnsTheSigner()
    {
        // Arrange
        var data = Carried("<data>" + SignedPayload() + "</data>");

        // Act
        var verified = _signature.Verify(data, required: true, XmlLimits.Default);

        // Assert
        Assert.NotNull(verified);
        Assert.Equal(Pki.Client.Certificate.Thumbprint, verified.Certificate.Thumbprint);
        Assert.Equal("request", verified.SignedElement.LocalName);
    }

    [Fact]
    public void Verify_SignedPayloadAsEscapedString_ReturnsTheSigner()
    {
        // Arrange
        var data = Carried($"<data {XsString}>{SecurityElement.Escape(SignedPayload())}</data>");

        // Act
        var verified = _signature.Verify(data, required: true, XmlLimits.Default);

        // Assert
        Assert.Equal(Pki.Client.Certificate.Thumbprint, verified!.Certificate.Thumbprint);
    }

    [Fact]
    public void Verify_SignedPayloadInCdata_ReturnsTheSigner()
    {
        // Arrange
        var data = Carried("<data><![CDATA[" + SignedPayload() + "]]></data>");

        // Act
        var verified = _signature.Verify(data, required: true, XmlLimits.Default);

        // Assert
        Assert.Equal(Pki.Client.Certificate.Thumbprint, verified!.Certificate.Thumbprint);
    }

    [Fact]
    public void Verify_EscapedStringWithUtf16Declaration_ReturnsTheSigner()
    {
        // Arrange: what a .NET client gets from XmlWriter over a StringWriter; inside a string the
        // declared encoding means nothing (XmlDocument.LoadXml ignores it too)
        var text = "<?xml version=\"1.0\" encoding=\"utf-16\"?>" + SignedPayload();
        var data = Carried($"<data {XsString}>{SecurityElement.Escape(text)}</data>");

        // Act
        var verified = _signature.Verify(data, required: true, XmlLimits.Default);

        // Assert
        Assert.Equal(Pki.Client.Certificate.Thumbprint, verified!.Certificate.Thumbprint);
    }

    [Fact]
    public void Verify_IndentedPayload_KeepsWhitespaceAndVerifies()
    {
        // Arrange
        var payload = SignedPayload("<request xmlns=\"urn:test:gbdul\">\n  <RequestorBIN>{0}</RequestorBIN>\n  <BIN>{1}</BIN>\n</request>");
        var data = Carried("<data>" + payload + "</data>");

        // Act
        var verified = _signature.Verify(data, required: true, XmlLimits.Default);

        // Assert
        Assert.NotNull(verified);
    }

    [Theory]
    [InlineData("element")]
    [InlineData("string")]
    [InlineData("cdata")]
    public void Verify_PayloadChangedAfterSigning_ThrowsSce016(string style)
    {
        // Arrange
        var tampered = SignedPayload().Replace(Pki.OtherBin, Pki.ClientBin, StringComparison.Ordinal);
        var dataXml = style switch
        {
            "element" => "<data>" + tampered + "</data>",
            "string" => $"<data {XsString}>{SecurityElement.Escape(tampered)}</data>",
            _ => "<data><![CDATA[" + tampered + "]]></data>",
        };

        // Act + Assert
        ShepAssert.Throws(ShepFaults.DataSignatureInvalid, () => _signature.Verify(Carried(dataXml), required: false, XmlLimits.Default));
    }

    [Fact]
    public void Verify_UnsignedPayloadWhenRequired_ThrowsSce017()
    {
        // Arrange
        var data = Carried("<data><request xmlns=\"urn:test:gbdul\"><BIN>" + Pki.OtherBin + "</BIN></request></data>");

        // Act + Assert
        ShepAssert.Throws(ShepFaults.DataSignatureMissing, () => _signature.Verify(data, required: true, XmlLimits.Default));
    }

    [Fact]
    public void Verify_NoDataWhenRequired_ThrowsSce017()
    {
        // Act + Assert
        ShepAssert.Throws(ShepFaults.DataSignatureMissing, () => _signature.Verify(null, required: true, XmlLimits.Default));
    }

    [Fact]
    public void Verify_UnsignedPayloadWhenOptional_ReturnsNull()
    {
        // Arrange
        var data = Carried("<data><request xmlns=\"urn:test:gbdfl\"><iin>900101300126</iin></request></data>");

        // Act
        var verified = _signature.Verify(data, required: false, XmlLimits.Default);

        // Assert
        Assert.Null(verified);
    }

    [Fact]
    public void Verify_SignatureNotTheLastChild_ThrowsSce016()
    {
        // Arrange
        var moved = SignedPayload().Replace("</request>", "<after/></request>", StringComparison.Ordinal);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.DataSignatureInvalid, () => _signature.Verify(Carried("<data>" + moved + "</data>"), required: false, XmlLimits.Default));
        Assert.Contains("last child", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_GostSignatureMethod_ThrowsSce008()
    {
        // Arrange
        var gost = SignedPayload().Replace(SignatureAlgorithmSet.RsaSha256, SignatureAlgorithmSet.Gost2015, StringComparison.Ordinal);

        // Act + Assert
        ShepAssert.Throws(ShepFaults.UnsupportedAlgorithm, () => _signature.Verify(Carried("<data>" + gost + "</data>"), required: true, XmlLimits.Default));
    }

    [Fact]
    public void Sign_Payload_AppendsEnvelopedSignatureInTheContractLayout()
    {
        // Arrange
        var payload = SafeXml.LoadString("<request xmlns=\"urn:test:gbdul\"><BIN>" + Pki.OtherBin + "</BIN></request>");

        // Act
        BusinessSignature.Sign(payload, Pki.Client);

        // Assert
        var ns = new XmlNamespaceManager(payload.NameTable);
        ns.AddNamespace("ds", "http://www.w3.org/2000/09/xmldsig#");
        var signature = Assert.IsType<XmlElement>(payload.DocumentElement!.LastChild);
        Assert.Equal("Signature", signature.LocalName);
        Assert.Equal(string.Empty, signature.SelectSingleNode("ds:SignedInfo/ds:Reference/@URI", ns)!.Value);
        var transforms = signature.SelectNodes("ds:SignedInfo/ds:Reference/ds:Transforms/ds:Transform/@Algorithm", ns)!.Cast<XmlNode>().Select(a => a.Value);
        Assert.Equal([SignatureAlgorithmSet.Enveloped, SignatureAlgorithmSet.C14NWithComments], transforms);
        Assert.Equal(SignatureAlgorithmSet.C14N, signature.SelectSingleNode("ds:SignedInfo/ds:CanonicalizationMethod/@Algorithm", ns)!.Value);
        Assert.Equal(Pki.Client.CertificateBase64, signature.SelectSingleNode("ds:KeyInfo/ds:X509Data/ds:X509Certificate", ns)!.InnerText);
    }

    /// <summary>A GBD UL style request signed by the client, as text.</summary>
    private static string SignedPayload(string template = "<request xmlns=\"urn:test:gbdul\"><RequestorBIN>{0}</RequestorBIN><BIN>{1}</BIN></request>")
    {
        var payload = SafeXml.LoadString(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Pki.ClientBin, Pki.OtherBin));
        BusinessSignature.Sign(payload, Pki.Client);
        return payload.OuterXml;
    }

    /// <summary>The data element as the gateway sees it: carried in a SendMessage, serialized and parsed again.</summary>
    private static XmlElement Carried(string dataXml) =>
        SyncMessageReader.ReadRequest(Envelopes.Parse(Envelopes.Text(Envelopes.Request(dataXml: dataXml)))).Data!;
}

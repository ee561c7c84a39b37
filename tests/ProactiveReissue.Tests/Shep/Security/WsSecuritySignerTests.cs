using System.Xml;
using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Shep.Security;

public sealed class WsSecuritySignerTests
{
    private static readonly TestPki Pki = TestPki.Shared;

    [Theory]
    [InlineData(KeyInfoStyle.KeyIdentifier)]
    [InlineData(KeyInfoStyle.IssuerSerial)]
    [InlineData(KeyInfoStyle.BinarySecurityToken)]
    public void Sign_EachKeyInfoStyle_VerifiesWithTheSignersCertificate(KeyInfoStyle style)
    {
        // Arrange
        var message = Envelopes.Parse(Envelopes.SignedRequest(Pki.Client, style));
        var verifier = new WsSecurityVerifier(SignatureAlgorithmSet.Default, new CertificateCollectionResolver([Pki.Client.Certificate]), new FakeTimeProvider(), TimeSpan.FromMinutes(5));

        // Act
        var verified = verifier.Verify(message);

        // Assert
        Assert.Equal(Pki.Client.Certificate.Thumbprint, verified.Certificate.Thumbprint);
        Assert.Same(message.Body, verified.SignedElement);
    }

    [Fact]
    public void Sign_KeyIdentifierStyle_WritesTheBusLayout()
    {
        // Act
        var message = Envelopes.Parse(Envelopes.SignedRequest(Pki.Client));

        // Assert
        var ns = Namespaces(message.Document);
        var security = (XmlElement)message.Header!.SelectSingleNode("wsse:Security", ns)!;
        Assert.Equal("1", security.GetAttribute("mustUnderstand", ShepNamespaces.Soap11));
        var signedInfo = security.SelectSingleNode("ds:Signature/ds:SignedInfo", ns)!;
        Assert.Equal(SignatureAlgorithmSet.ExcC14N, signedInfo.SelectSingleNode("ds:CanonicalizationMethod/@Algorithm", ns)!.Value);
        Assert.Equal(SignatureAlgorithmSet.RsaSha256, signedInfo.SelectSingleNode("ds:SignatureMethod/@Algorithm", ns)!.Value);
        var reference = Assert.Single(signedInfo.SelectNodes("ds:Reference", ns)!.Cast<XmlElement>());
        Assert.Equal("#" + message.Body.GetAttribute("Id", ShepNamespaces.Wsu), reference.GetAttribute("URI"));
        var keyIdentifier = (XmlElement)security.SelectSingleNode("ds:Signature/ds:KeyInfo/wsse:SecurityTokenReference/wsse:KeyIdentifier", ns)!;
        Assert.Equal(ShepNamespaces.X509TokenProfile, keyIdentifier.GetAttribute("ValueType"));
        Assert.Equal(Pki.Client.CertificateBase64, keyIdentifier.InnerText);
    }

    [Fact]
    public void Sign_IssuerSerialStyle_WritesTheDecimalSerialAndIssuer()
    {
        // Act
        var message = Envelopes.Parse(Envelopes.SignedRequest(Pki.Client, KeyInfoStyle.IssuerSerial));

        // Assert
        var ns = Namespaces(message.Document);
        var issuerSerial = message.Header!.SelectSingleNode("wsse:Security/ds:Signature/ds:KeyInfo/wsse:SecurityTokenReference/ds:X509Data/ds:X509IssuerSerial", ns)!;
        Assert.Equal(Pki.Client.Certificate.Issuer, issuerSerial.SelectSingleNode("ds:X509IssuerName", ns)!.InnerText);
        var serial = issuerSerial.SelectSingleNode("ds:X509SerialNumber", ns)!.InnerText;
        Assert.All(serial, c => Assert.True(char.IsAsciiDigit(c)));
    }

    [Fact]
    public void Sign_WithTimeProvider_AddsTimestampInPlusFive()
    {
        // Arrange
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 9, 30, 0, TimeSpan.Zero));

        // Act
        var message = Envelopes.Parse(Envelopes.SignedRequest(Pki.Client, time: time, timestampLifetime: TimeSpan.FromMinutes(2)));

        // Assert
        var ns = Namespaces(message.Document);
        Assert.Equal("2026-03-15T14:30:00.000+05:00", message.Header!.SelectSingleNode("wsse:Security/wsu:Timestamp/wsu:Created", ns)!.InnerText);
        Assert.Equal("2026-03-15T14:32:00.000+05:00", message.Header.SelectSingleNode("wsse:Security/wsu:Timestamp/wsu:Expires", ns)!.InnerText);
    }

    private static XmlNamespaceManager Namespaces(XmlDocument document)
    {
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("wsse", ShepNamespaces.Wsse);
        ns.AddNamespace("wsu", ShepNamespaces.Wsu);
        ns.AddNamespace("ds", ShepNamespaces.XmlDsig);
        return ns;
    }
}

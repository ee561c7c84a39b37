using System.Xml;
using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Shep.Security;

public sealed class WsSecurityVerifierTests
{
    private static readonly TestPki Pki = TestPki.Shared;
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Verify_BodyTextChangedAfterSigning_ThrowsSce006()
    {
        // Arrange
        var signed = Envelopes.SignedRequest(Pki.Client).Replace("900101300126", "900101300127", StringComparison.Ordinal);

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureInvalid, () => Verifier().Verify(Envelopes.Parse(signed)));
    }

    [Fact]
    public void Verify_KeyIdentifierSwappedForAnotherCertificate_ThrowsSce006()
    {
        // Arrange
        var signed = Envelopes.SignedRequest(Pki.Client).Replace(Pki.Client.CertificateBase64, Pki.Individual.CertificateBase64, StringComparison.Ordinal);

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureInvalid, () => Verifier().Verify(Envelopes.Parse(signed)));
    }

    [Theory]
    [InlineData("SignatureValue")]
    [InlineData("DigestValue")]
    public void Verify_SignatureValuesNotBase64_ThrowsSce006(string element)
    {
        // Arrange: a client's bad signature is the client's fault, not an internal error (SCE909)
        var message = Tampered(Envelopes.SignedRequest(Pki.Client), (d, ns) => d.SelectSingleNode("//ds:" + element, ns)!.InnerText = "not*base64!");

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureInvalid, () => Verifier().Verify(message));
    }

    [Theory]
    [InlineData("SignatureValue")]
    [InlineData("DigestValue")]
    public void Verify_SignatureValuesNotBase64WithInclusiveC14N_ThrowsSce006(string element)
    {
        // Arrange: inclusive C14N leaves the exclusive fast path for SignedXml
        var message = Tampered(Envelopes.SignedRequest(Pki.Client), (d, ns) =>
        {
            d.SelectSingleNode("//ds:" + element, ns)!.InnerText = "not*base64!";
            ((XmlElement)d.SelectSingleNode("//ds:SignedInfo/ds:CanonicalizationMethod", ns)!).SetAttribute("Algorithm", SignatureAlgorithmSet.C14N);
        });

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureInvalid, () => Verifier().Verify(message));
    }

    [Fact]
    public void Verify_SignedBodyMovedToHeaderAndReplaced_ThrowsSce006()
    {
        // Arrange: signature wrapping: the signed Body is parked in the Header, a forged Body takes its id
        var message = Tampered(Envelopes.SignedRequest(Pki.Client), (d, ns) =>
        {
            var body = (XmlElement)d.SelectSingleNode("/soap:Envelope/soap:Body", ns)!;
            var forged = (XmlElement)body.CloneNode(deep: true);
            forged.GetElementsByTagName("iin")[0]!.InnerText = "850312300011";
            d.SelectSingleNode("/soap:Envelope/soap:Header", ns)!.AppendChild(body);
            d.DocumentElement!.AppendChild(forged);
        });

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.TransportSignatureInvalid, () => Verifier().Verify(message));
        Assert.Contains("exactly one", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_BodyWithAnotherId_ThrowsSce006()
    {
        // Arrange
        var message = Tampered(Envelopes.SignedRequest(Pki.Client), (d, ns) =>
            ((XmlElement)d.SelectSingleNode("/soap:Envelope/soap:Body", ns)!).SetAttribute("Id", ShepNamespaces.Wsu, "id-other"));

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureInvalid, () => Verifier().Verify(message));
    }

    [Fact]
    public void Verify_XsltTransform_ThrowsSce006BeforeAnyTransformRuns()
    {
        // Arrange
        var message = Tampered(Envelopes.SignedRequest(Pki.Client), (d, ns) =>
            ((XmlElement)d.SelectSingleNode("//ds:Reference/ds:Transforms/ds:Transform", ns)!).SetAttribute("Algorithm", "http://www.w3.org/TR/1999/REC-xslt-19991116"));

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureInvalid, () => Verifier().Verify(message));
    }

    [Theory]
    [InlineData("SignatureMethod", SignatureAlgorithmSet.Gost34310, "GOST 34.310-2004")]
    [InlineData("SignatureMethod", SignatureAlgorithmSet.Gost2015, "GOST R 34.10-2015")]
    [InlineData("DigestMethod", SignatureAlgorithmSet.Gost34311, "GOST 34.311-95")]
    public void Verify_GostAlgorithm_ThrowsSce008NamingIt(string element, string uri, string name)
    {
        // Arrange
        var message = Tampered(Envelopes.SignedRequest(Pki.Client), (d, ns) =>
            ((XmlElement)d.SelectSingleNode("//ds:" + element, ns)!).SetAttribute("Algorithm", uri));

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.UnsupportedAlgorithm, () => Verifier().Verify(message));
        Assert.Contains(name, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_UnsignedRequest_ThrowsSce007()
    {
        // Arrange: the writer's frame has an empty Header
        var message = Envelopes.Parse(Envelopes.Request());

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureMissing, () => Verifier().Verify(message));
    }

    [Fact]
    public void Verify_NoHeaderAtAll_ThrowsSce007()
    {
        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureMissing, () => Verifier().Verify(Envelopes.Parse(Envelopes.Wire("<ns:SendMessage/>", header: string.Empty))));
    }

    [Fact]
    public void Verify_SecurityWithoutSignature_ThrowsSce007()
    {
        // Arrange
        var message = Tampered(Envelopes.SignedRequest(Pki.Client), (d, ns) =>
        {
            var signature = d.SelectSingleNode("//ds:Signature", ns)!;
            signature.ParentNode!.RemoveChild(signature);
        });

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureMissing, () => Verifier().Verify(message));
    }

    [Fact]
    public void Verify_TimestampExpiredBeyondSkew_ThrowsSce005()
    {
        // Arrange
        var signed = Envelopes.SignedRequest(Pki.Client, time: _time, timestampLifetime: TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(5) + Skew + TimeSpan.FromSeconds(1));

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureStale, () => Verifier().Verify(Envelopes.Parse(signed)));
    }

    [Fact]
    public void Verify_TimestampExpiredWithinSkew_Passes()
    {
        // Arrange
        var signed = Envelopes.SignedRequest(Pki.Client, time: _time, timestampLifetime: TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(5) + Skew - TimeSpan.FromSeconds(1));

        // Act
        var verified = Verifier().Verify(Envelopes.Parse(signed));

        // Assert
        Assert.Equal(Pki.Client.Certificate.Thumbprint, verified.Certificate.Thumbprint);
    }

    [Fact]
    public void Verify_TimestampCreatedInTheFuture_ThrowsSce005()
    {
        // Arrange
        var future = new FakeTimeProvider(_time.GetUtcNow() + Skew + TimeSpan.FromMinutes(1));
        var signed = Envelopes.SignedRequest(Pki.Client, time: future);

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureStale, () => Verifier().Verify(Envelopes.Parse(signed)));
    }

    [Fact]
    public void Verify_IssuerSerialOfUnknownCertificate_ThrowsSce011()
    {
        // Arrange
        var signed = Envelopes.SignedRequest(Pki.Client, KeyInfoStyle.IssuerSerial);
        var verifier = new WsSecurityVerifier(SignatureAlgorithmSet.Default, CertificateCollectionResolver.Empty, _time, Skew);

        // Act + Assert
        ShepAssert.Throws(ShepFaults.CertificateUntrusted, () => verifier.Verify(Envelopes.Parse(signed)));
    }

    private WsSecurityVerifier Verifier() =>
        new(SignatureAlgorithmSet.Default, new CertificateCollectionResolver([Pki.Client.Certificate]), _time, Skew);

    private static SoapMessage Tampered(string signed, Action<XmlDocument, XmlNamespaceManager> change)
    {
        var document = SafeXml.LoadString(signed);
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("soap", ShepNamespaces.Soap11);
        ns.AddNamespace("ds", ShepNamespaces.XmlDsig);
        change(document, ns);
        return SoapEnvelopeReader.Read(document);
    }
}

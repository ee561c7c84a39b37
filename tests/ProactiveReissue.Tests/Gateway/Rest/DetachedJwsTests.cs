using System.Buffers.Text;
using System.Text;
using ProactiveReissue.Gateway.Rest;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Gateway.Rest;

public sealed class DetachedJwsTests
{
    private static readonly TestPki Pki = TestPki.Shared;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"requestInfo\":{\"messageId\":\"m-1\",\"serviceId\":\"GBDFL_UniversalServiceSync\"},\"data\":\"<r/>\"}");

    [Fact]
    public void Verify_SignedBody_ReturnsTheSigner()
    {
        // Arrange
        var jws = DetachedJws.Sign(Body, Pki.Client);

        // Act
        var certificate = DetachedJws.Verify(jws, Body);

        // Assert
        Assert.Equal(Pki.Client.Certificate.Thumbprint, certificate.Thumbprint);
        Assert.Contains("..", jws, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_BodyChangedByOneByte_ThrowsSce006()
    {
        // Arrange
        var jws = DetachedJws.Sign(Body, Pki.Client);
        var tampered = (byte[])Body.Clone();
        tampered[^3] ^= 0x01;

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureInvalid, () => DetachedJws.Verify(jws, tampered));
    }

    [Fact]
    public void Verify_X5cSwappedForAnotherCertificate_ThrowsSce006()
    {
        // Arrange
        var signature = DetachedJws.Sign(Body, Pki.Client).Split('.')[2];
        var header = Header($"{{\"alg\":\"RS256\",\"x5c\":[\"{Pki.Individual.CertificateBase64}\"]}}");

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureInvalid, () => DetachedJws.Verify(header + ".." + signature, Body));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("")]
    public void Verify_AlgorithmOtherThanRs256_ThrowsSce008(string alg)
    {
        // Arrange
        var jws = Header($"{{\"alg\":\"{alg}\",\"x5c\":[\"{Pki.Client.CertificateBase64}\"]}}") + "..";

        // Act + Assert
        ShepAssert.Throws(ShepFaults.UnsupportedAlgorithm, () => DetachedJws.Verify(jws, Body));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Verify_NoSignatureHeader_ThrowsSce007(string? jws)
    {
        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureMissing, () => DetachedJws.Verify(jws, Body));
    }

    [Fact]
    public void Verify_AttachedPayload_ThrowsSce006()
    {
        // Arrange
        var parts = DetachedJws.Sign(Body, Pki.Client).Split('.');
        var attached = parts[0] + "." + Base64Url.EncodeToString(Body) + "." + parts[2];

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureInvalid, () => DetachedJws.Verify(attached, Body));
    }

    [Theory]
    [InlineData("{\"alg\":\"RS256\"}")]
    [InlineData("{\"alg\":\"RS256\",\"x5c\":[]}")]
    [InlineData("{\"alg\":\"RS256\",\"x5c\":[\"not base64!\"]}")]
    [InlineData("{\"alg\":\"RS256\",\"b64\":false,\"x5c\":[\"AAAA\"]}")]
    [InlineData("not json")]
    public void Verify_UnusableHeader_ThrowsSce006(string headerJson)
    {
        // Arrange
        var jws = Header(headerJson) + ".." + DetachedJws.Sign(Body, Pki.Client).Split('.')[2];

        // Act + Assert
        ShepAssert.Throws(ShepFaults.TransportSignatureInvalid, () => DetachedJws.Verify(jws, Body));
    }

    private static string Header(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}

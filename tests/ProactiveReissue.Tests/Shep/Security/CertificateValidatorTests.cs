using System.Security.Cryptography.X509Certificates;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Pki;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Shep.Security;

public sealed class CertificateValidatorTests
{
    private static readonly TestPki Pki = TestPki.Shared;
    private readonly FakeTimeProvider _time = new(TestPki.Shared.CreatedAt);

    [Fact]
    public async Task ValidateAsync_GoodCertificate_Passes()
    {
        // Arrange
        var validator = new CertificateValidator(Pki.Trust(Pki.Crl), _time);

        // Act
        var exception = await Record.ExceptionAsync(() => validator.ValidateAsync(Pki.Client.Certificate, CancellationToken.None).AsTask());

        // Assert
        Assert.Null(exception);
    }

    [Fact]
    public async Task ValidateAsync_NonRepudiationOnly_Passes()
    {
        // Arrange
        var validator = new CertificateValidator(Pki.Trust(), _time);

        // Act
        var exception = await Record.ExceptionAsync(() => validator.ValidateAsync(Pki.NonRepudiationOnly.Certificate, CancellationToken.None).AsTask());

        // Assert
        Assert.Null(exception);
    }

    [Fact]
    public async Task ValidateAsync_ClockPastNotAfter_ThrowsSce010()
    {
        // Arrange
        var validator = new CertificateValidator(Pki.Trust(), _time);
        _time.SetUtcNow(Pki.LeafNotAfter.AddSeconds(1));

        // Act + Assert
        var ex = await ShepAssert.ThrowsAsync(ShepFaults.CertificateExpired, () => validator.ValidateAsync(Pki.Client.Certificate, CancellationToken.None).AsTask());
        Assert.Contains("expired", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_ClockBeforeNotBefore_ThrowsSce010()
    {
        // Arrange
        var validator = new CertificateValidator(Pki.Trust(), _time);
        _time.SetUtcNow(Pki.LeafNotBefore.AddSeconds(-1));

        // Act + Assert
        var ex = await ShepAssert.ThrowsAsync(ShepFaults.CertificateExpired, () => validator.ValidateAsync(Pki.Client.Certificate, CancellationToken.None).AsTask());
        Assert.Contains("not valid before", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_CachedGoodResultThenClockPastNotAfter_ThrowsSce010()
    {
        // Arrange: the chain result is cached, the validity period is not
        var validator = new CertificateValidator(Pki.Trust(), _time, cacheFor: TimeSpan.FromDays(3650));
        await validator.ValidateAsync(Pki.Client.Certificate, CancellationToken.None);
        _time.SetUtcNow(Pki.LeafNotAfter.AddMinutes(1));

        // Act + Assert
        await ShepAssert.ThrowsAsync(ShepFaults.CertificateExpired, () => validator.ValidateAsync(Pki.Client.Certificate, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ValidateAsync_IssuedByAnotherRoot_ThrowsSce011()
    {
        // Arrange
        var validator = new CertificateValidator(Pki.Trust(), _time);

        // Act + Assert
        await ShepAssert.ThrowsAsync(ShepFaults.CertificateUntrusted, () => validator.ValidateAsync(Pki.Untrusted.Certificate, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ValidateAsync_IssuedByImpostorWithTheRootsName_ThrowsSce011()
    {
        // Arrange
        var forged = CertificateFactory.CreateLeaf(Pki.ImpostorRoot, "Client LLP", Pki.ClientIin, Pki.ClientBin, Pki.LeafNotBefore, Pki.LeafNotAfter);
        var validator = new CertificateValidator(Pki.Trust(), _time);

        // Act + Assert
        await ShepAssert.ThrowsAsync(ShepFaults.CertificateUntrusted, () => validator.ValidateAsync(forged, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ValidateAsync_RevokedInTheCrl_ThrowsSce012()
    {
        // Arrange
        var validator = new CertificateValidator(Pki.Trust(Pki.Crl), _time);

        // Act + Assert
        var ex = await ShepAssert.ThrowsAsync(ShepFaults.CertificateRevoked, () => validator.ValidateAsync(Pki.Revoked.Certificate, CancellationToken.None).AsTask());
        Assert.Contains("CRL", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_RevokedInACrlSignedByAnImpostor_Passes()
    {
        // Arrange: a CRL that names the root as issuer but is not signed by it is ignored
        var forgedCrl = CertificateFactory.CreateCrl(Pki.ImpostorRoot, [Pki.Client.Certificate], Pki.CreatedAt.AddMinutes(-5), Pki.CreatedAt.AddDays(7), 1);
        var validator = new CertificateValidator(Pki.Trust(forgedCrl), _time);

        // Act
        var exception = await Record.ExceptionAsync(() => validator.ValidateAsync(Pki.Client.Certificate, CancellationToken.None).AsTask());

        // Assert
        Assert.Null(exception);
    }

    [Fact]
    public async Task ValidateAsync_OcspSaysRevoked_ThrowsSce012()
    {
        // Arrange
        var validator = new CertificateValidator(Pki.Trust(), _time, new FixedOcsp(true));

        // Act + Assert
        var ex = await ShepAssert.ThrowsAsync(ShepFaults.CertificateRevoked, () => validator.ValidateAsync(Pki.Client.Certificate, CancellationToken.None).AsTask());
        Assert.Contains("OCSP", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_OcspUnknown_FallsBackToTheCrl()
    {
        // Arrange
        var validator = new CertificateValidator(Pki.Trust(Pki.Crl), _time, new FixedOcsp(null));

        // Act + Assert
        await ShepAssert.ThrowsAsync(ShepFaults.CertificateRevoked, () => validator.ValidateAsync(Pki.Revoked.Certificate, CancellationToken.None).AsTask());
    }

    [Theory]
    [InlineData(X509KeyUsageFlags.KeyEncipherment)]
    [InlineData(X509KeyUsageFlags.KeyAgreement | X509KeyUsageFlags.DataEncipherment)]
    public async Task ValidateAsync_KeyUsageWithoutSigning_ThrowsSce013(X509KeyUsageFlags usage)
    {
        // Arrange
        var certificate = usage == X509KeyUsageFlags.KeyEncipherment
            ? Pki.KeyEncipherment.Certificate
            : CertificateFactory.CreateLeaf(Pki.Root, "Encryption Only", Pki.ClientIin, Pki.ClientBin, Pki.LeafNotBefore, Pki.LeafNotAfter, usage);
        var validator = new CertificateValidator(Pki.Trust(), _time);

        // Act + Assert
        var ex = await ShepAssert.ThrowsAsync(ShepFaults.CertificateKeyUsage, () => validator.ValidateAsync(certificate, CancellationToken.None).AsTask());
        Assert.Contains("digitalSignature", ex.Detail, StringComparison.Ordinal);
    }

    private sealed class FixedOcsp(bool? answer) : IOcspClient
    {
        public Task<bool?> IsRevokedAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken cancellationToken) =>
            Task.FromResult(answer);
    }
}

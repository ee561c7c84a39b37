using System.Text;
using ProactiveReissue.Shep.Pki;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Shep.Security;

public sealed class RevocationListTests
{
    private static readonly TestPki Pki = TestPki.Shared;

    [Fact]
    public void Load_CrlFromTheFactory_ReadsIssuerTimesAndEntries()
    {
        // Act
        var crl = RevocationList.Load(Pki.Crl);

        // Assert
        Assert.Equal(Pki.Root.SubjectName.Name, crl.Issuer.Name);
        Assert.Equal(1, crl.Count);
        Assert.Equal(TruncateToSeconds(Pki.CreatedAt.AddMinutes(-5)), crl.ThisUpdate);
        Assert.Equal(TruncateToSeconds(Pki.CreatedAt.AddDays(7)), crl.NextUpdate);
    }

    [Fact]
    public void IsRevoked_ListedAndUnlistedCertificates_AnswersForEach()
    {
        // Arrange
        var crl = RevocationList.Load(Pki.Crl);

        // Act + Assert
        Assert.True(crl.IsRevoked(Pki.Revoked.Certificate));
        Assert.False(crl.IsRevoked(Pki.Client.Certificate));
    }

    [Fact]
    public void IsIssuedBy_TheSigningRoot_ReturnsTrue()
    {
        // Act
        var issued = RevocationList.Load(Pki.Crl).IsIssuedBy(Pki.Root);

        // Assert
        Assert.True(issued);
    }

    [Fact]
    public void IsIssuedBy_AnotherRoot_ReturnsFalse()
    {
        // Act
        var issued = RevocationList.Load(Pki.Crl).IsIssuedBy(Pki.OtherRoot);

        // Assert
        Assert.False(issued);
    }

    [Fact]
    public void IsIssuedBy_CrlSignedByAnImpostorWithTheSameName_ReturnsFalse()
    {
        // Arrange
        var forged = CertificateFactory.CreateCrl(Pki.ImpostorRoot, [Pki.Client.Certificate], Pki.CreatedAt, Pki.CreatedAt.AddDays(1), 7);

        // Act
        var crl = RevocationList.Load(forged);

        // Assert: the names match, the signature does not
        Assert.Equal(Pki.Root.SubjectName.Name, crl.Issuer.Name);
        Assert.False(crl.IsIssuedBy(Pki.Root));
        Assert.True(crl.IsIssuedBy(Pki.ImpostorRoot));
    }

    [Fact]
    public void Load_PemEncodedCrl_ReadsTheSameEntries()
    {
        // Arrange
        var pem = Encoding.ASCII.GetBytes(new string(System.Security.Cryptography.PemEncoding.Write("X509 CRL", Pki.Crl)));

        // Act
        var crl = RevocationList.Load(pem);

        // Assert
        Assert.True(crl.IsRevoked(Pki.Revoked.Certificate));
        Assert.True(crl.IsIssuedBy(Pki.Root));
    }

    [Fact]
    public void Load_EmptyCrl_HasNoEntries()
    {
        // Arrange
        var empty = CertificateFactory.CreateCrl(Pki.Root, [], Pki.CreatedAt, Pki.CreatedAt.AddDays(1), 2);

        // Act
        var crl = RevocationList.Load(empty);

        // Assert
        Assert.Equal(0, crl.Count);
        Assert.False(crl.IsRevoked(Pki.Revoked.Certificate));
        Assert.True(crl.IsIssuedBy(Pki.Root));
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);
}

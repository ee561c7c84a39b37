using ProactiveReissue.Shep.Security;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Shep.Security;

public sealed class SubjectIdentityTests
{
    private static readonly TestPki Pki = TestPki.Shared;

    [Fact]
    public void From_LegalEntityStaffCertificate_ReadsIinAndBin()
    {
        // Act
        var identity = SubjectIdentity.From(Pki.Client.Certificate);

        // Assert
        Assert.Equal(new SubjectIdentity(Pki.ClientIin, Pki.ClientBin), identity);
        Assert.Contains("SERIALNUMBER=IIN" + Pki.ClientIin, Pki.Client.Certificate.Subject, StringComparison.Ordinal);
        Assert.Contains("OU=BIN" + Pki.ClientBin, Pki.Client.Certificate.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void From_IndividualCertificate_ReadsIinOnly()
    {
        // Act
        var identity = SubjectIdentity.From(Pki.Individual.Certificate);

        // Assert
        Assert.Equal(Pki.ClientIin, identity.Iin);
        Assert.Null(identity.Bin);
    }

    [Fact]
    public void From_CertificateWithoutNationalAttributes_ReadsNothing()
    {
        // Act
        var identity = SubjectIdentity.From(Pki.Root);

        // Assert
        Assert.Equal(new SubjectIdentity(null, null), identity);
    }
}

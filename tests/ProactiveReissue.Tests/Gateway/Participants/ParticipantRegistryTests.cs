using System.Numerics;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Gateway.Participants;

public sealed class ParticipantRegistryTests : IDisposable
{
    private const string Password = "s3cret";
    private static readonly TestPki Pki = TestPki.Shared;
    private static readonly string Hash = PasswordHasher.Hash(Password, 1_000);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pr-unit-participants-");

    [Fact]
    public void Authenticate_RightPassword_ReturnsTheParticipant()
    {
        // Arrange
        var registry = new ParticipantRegistry([Client()]);

        // Act
        var participant = registry.Authenticate("client", Password);

        // Assert
        Assert.Equal("client", participant.SenderId);
        Assert.Equal(Pki.ClientBin, participant.Bin);
    }

    [Fact]
    public void Authenticate_UnknownSender_ThrowsSce020()
    {
        // Arrange
        var registry = new ParticipantRegistry([Client()]);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.UnknownSender, () => registry.Authenticate("stranger", Password));
        Assert.Contains("stranger", ex.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("S3cret")]
    [InlineData("")]
    [InlineData(null)]
    public void Authenticate_WrongOrMissingPassword_ThrowsSce021(string? password)
    {
        // Arrange
        var registry = new ParticipantRegistry([Client()]);

        // Act + Assert
        ShepAssert.Throws(ShepFaults.WrongPassword, () => registry.Authenticate("client", password));
    }

    [Fact]
    public void Authenticate_WrongPasswordAfterARightOne_StillThrowsSce021()
    {
        // Arrange: the first success is remembered for the hot path
        var registry = new ParticipantRegistry([Client()]);
        registry.Authenticate("client", Password);

        // Act + Assert
        ShepAssert.Throws(ShepFaults.WrongPassword, () => registry.Authenticate("client", "guess"));
        Assert.Equal("client", registry.Authenticate("client", Password).SenderId);
    }

    [Fact]
    public void Authenticate_StoredHashWithEmptyDigest_NeverAcceptsAPassword()
    {
        // Arrange: a hash pasted into the settings with its last field cut off
        var truncated = string.Join('$', Hash.Split('$')[..3]) + "$";
        var registry = new ParticipantRegistry([Client(o => o.PasswordHash = truncated)]);

        // Act + Assert
        Assert.Throws<ShepException>(() => registry.Authenticate("client", "any password at all"));
    }

    [Fact]
    public void Authorize_ServiceNotListed_ThrowsSce022()
    {
        // Arrange
        var participant = new ParticipantRegistry([Client()]).Authenticate("client", Password);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.ServiceNotAllowed, () => ParticipantRegistry.Authorize(participant, "GbdulInfoByBin_v2"));
        Assert.Contains("GbdulInfoByBin_v2", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Authorize_ListedOrWildcardService_Passes()
    {
        // Arrange
        var registry = new ParticipantRegistry([Client(), Client(o => { o.SenderId = "operator"; o.Services = ["*"]; })]);

        // Act
        var exception = Record.Exception(() =>
        {
            ParticipantRegistry.Authorize(registry.Authenticate("client", Password), Envelopes.ServiceId);
            ParticipantRegistry.Authorize(registry.Authenticate("operator", Password), "AnyService");
        });

        // Assert
        Assert.Null(exception);
    }

    [Fact]
    public void CheckSubject_CertificateWithAnotherBin_ThrowsSce014()
    {
        // Arrange
        var participant = new ParticipantRegistry([Client(o => o.Bin = Pki.OtherBin)]).Authenticate("client", Password);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.CertificateSubjectMismatch, () => ParticipantRegistry.CheckSubject(participant, Pki.Client.Certificate));
        Assert.Contains(Pki.OtherBin, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSubject_IndividualCertificateForAnOrganisation_ThrowsSce014()
    {
        // Arrange
        var participant = new ParticipantRegistry([Client()]).Authenticate("client", Password);

        // Act + Assert
        ShepAssert.Throws(ShepFaults.CertificateSubjectMismatch, () => ParticipantRegistry.CheckSubject(participant, Pki.Individual.Certificate));
    }

    [Fact]
    public void CheckSubject_CertificateWithAnotherIin_ThrowsSce014()
    {
        // Arrange
        var otherIin = ProactiveReissue.Shep.Identity.IinBin.Complete("90010130012")!;
        var participant = new ParticipantRegistry([Client(o => { o.Bin = null; o.Iin = otherIin; })]).Authenticate("client", Password);

        // Act + Assert
        ShepAssert.Throws(ShepFaults.CertificateSubjectMismatch, () => ParticipantRegistry.CheckSubject(participant, Pki.Client.Certificate));
    }

    [Fact]
    public void CheckSubject_MatchingIinAndBin_Passes()
    {
        // Arrange
        var participant = new ParticipantRegistry([Client(o => o.Iin = Pki.ClientIin)]).Authenticate("client", Password);

        // Act
        var exception = Record.Exception(() => ParticipantRegistry.CheckSubject(participant, Pki.Client.Certificate));

        // Assert
        Assert.Null(exception);
    }

    [Theory]
    [InlineData("Bin", "260540111002")]
    [InlineData("Bin", "26054011100")]
    [InlineData("Iin", "850312300110")]
    public void Constructor_InvalidIinOrBin_ThrowsNamingTheSetting(string field, string value)
    {
        // Arrange: the second participant is the bad one
        var bad = Client(o => { o.SenderId = "second"; if (field == "Bin") { o.Bin = value; } else { o.Iin = value; } });

        // Act + Assert
        var ex = Assert.Throws<InvalidOperationException>(() => new ParticipantRegistry([Client(), bad]));
        Assert.Contains($"Gateway:Participants:1:{field}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SameSenderTwice_ThrowsNamingTheSetting()
    {
        // Act + Assert
        var ex = Assert.Throws<InvalidOperationException>(() => new ParticipantRegistry([Client(), Client()]));
        Assert.Contains("Gateway:Participants:1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingCertificateFile_ThrowsNamingTheSetting()
    {
        // Act + Assert
        var ex = Assert.Throws<InvalidOperationException>(() => new ParticipantRegistry([Client(o => o.CertificatePath = Path.Combine(_directory.FullName, "missing.pem"))]));
        Assert.Contains("Gateway:Participants:0:CertificatePath", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindByIssuerSerial_RegisteredCertificate_FindsItByDecimalSerial()
    {
        // Arrange
        var path = Path.Combine(_directory.FullName, "client.pem");
        File.WriteAllText(path, Pki.Client.Certificate.ExportCertificatePem());
        var registry = new ParticipantRegistry([Client(o => o.CertificatePath = path)]);
        var serial = new BigInteger(Pki.Client.Certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Act
        var found = registry.FindByIssuerSerial(Pki.Client.Certificate.Issuer, serial);
        var missing = registry.FindByIssuerSerial(Pki.OtherRoot.Subject, serial);

        // Assert
        Assert.Equal(Pki.Client.Certificate.Thumbprint, found?.Thumbprint);
        Assert.Null(missing);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static ParticipantOptions Client(Action<ParticipantOptions>? change = null)
    {
        var options = new ParticipantOptions
        {
            SenderId = "client",
            PasswordHash = Hash,
            Bin = Pki.ClientBin,
            Services = [Envelopes.ServiceId],
        };
        change?.Invoke(options);
        return options;
    }
}

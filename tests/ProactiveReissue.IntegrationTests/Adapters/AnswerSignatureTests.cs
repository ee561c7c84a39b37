using ProactiveReissue.Adapters.Kdp;
using ProactiveReissue.Adapters.Shep;
using ProactiveReissue.Gateway.Pki;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.IntegrationTests.Adapters;

/// <summary>
/// Answer-signature verification, on for these tests: WireMock cannot sign, so the signed answers are made here with
/// keys made at run time and registered through the admin API. The static mocks are unsigned and run with it off.
/// </summary>
[Collection(AdapterCollection.Name)]
public sealed class AnswerSignatureTests(AdapterFixture fixture)
{
    private const string SignedConsent = "<ConsentResponse><status>VALID</status><token>kdp-token-signed</token></ConsentResponse>";

    private KdpAdapter Adapter(string path) => new(
        fixture.Http(),
        fixture.Options<KdpOptions>(path, o =>
        {
            o.RequestorBin = Population.RenamedWithPermit;
            o.VerifyAnswerSignature = true;
            o.PeerCertificatePath = fixture.Pki.ProviderPath;
        }),
        TimeProvider.System);

    private async Task<string> ServeAsync(string path, SigningCredentials signer)
    {
        var body = SignedProviderAnswer.Create(signer, SignedConsent, LocalClock.Now(TimeProvider.System));
        return await fixture.WireMock.AddMappingAsync(SignedProviderAnswer.Mapping("/" + path, body, priority: 1));
    }

    [Fact]
    public async Task GetConsentAsync_AnswerSignedByPeer_ReturnsConsent()
    {
        var id = await ServeAsync("kdp-signed", fixture.Pki.Provider);
        try
        {
            var outcome = await Adapter("kdp-signed").GetConsentAsync(Population.CleanHead, "proactive-reissue", CancellationToken.None);

            Assert.Equal(AdapterOutcomeKind.Found, outcome.Kind);
            Assert.Equal(KdpStatus.Valid, outcome.Value!.Status);
            Assert.Equal("kdp-token-signed", outcome.Value.Token);
        }
        finally
        {
            await fixture.WireMock.RemoveMappingAsync(id);
        }
    }

    [Fact]
    public async Task GetConsentAsync_AnswerSignedBySomeoneElse_ReturnsPeerFaultBadAnswer()
    {
        var id = await ServeAsync("kdp-impostor", fixture.Pki.OtherProvider);
        try
        {
            var outcome = await Adapter("kdp-impostor").GetConsentAsync(Population.CleanHead, "proactive-reissue", CancellationToken.None);

            Assert.Equal(AdapterOutcomeKind.PeerFault, outcome.Kind);
            Assert.Equal(AdapterCodes.BadAnswer, outcome.Code);
        }
        finally
        {
            await fixture.WireMock.RemoveMappingAsync(id);
        }
    }

    [Fact]
    public async Task GetConsentAsync_UnsignedStaticMockWithVerificationOn_ReturnsPeerFaultBadAnswer()
    {
        var outcome = await Adapter("kdp").GetConsentAsync(Population.CleanHead, "proactive-reissue", CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.PeerFault, outcome.Kind);
        Assert.Equal(AdapterCodes.BadAnswer, outcome.Code);
        Assert.Contains("SCE007", outcome.Message, StringComparison.Ordinal);
    }
}

using ProactiveReissue.Adapters.Kdp;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.IntegrationTests.Adapters;

[Collection(AdapterCollection.Name)]
public sealed class KdpAdapterTests(AdapterFixture fixture)
{
    private KdpAdapter Adapter() =>
        new(fixture.Http(), fixture.Options<KdpOptions>("kdp", o => o.RequestorBin = Population.RenamedWithPermit), TimeProvider.System);

    [Fact]
    public async Task GetConsentAsync_ValidConsent_ReturnsTokenForGbdFl()
    {
        var outcome = await Adapter().GetConsentAsync(Population.CleanHead, "proactive-reissue", CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Found, outcome.Kind);
        Assert.Equal(KdpStatus.Valid, outcome.Value!.Status);
        Assert.Equal("kdp-token-7f3c2a10-0001", outcome.Value.Token);
    }

    [Theory]
    [InlineData(Population.KdpInvalid, KdpStatus.Invalid)]
    [InlineData(Population.KdpPending, KdpStatus.Pending)]
    [InlineData(Population.KdpTimeout, KdpStatus.Timeout)]
    [InlineData(Population.KdpError, KdpStatus.Error)]
    [InlineData(Population.NotFoundIin, KdpStatus.NotFound)]
    public async Task GetConsentAsync_EachStatus_IsReadWithoutToken(string iin, KdpStatus expected)
    {
        var outcome = await Adapter().GetConsentAsync(iin, "proactive-reissue", CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Found, outcome.Kind);
        Assert.Equal(expected, outcome.Value!.Status);
        Assert.Null(outcome.Value.Token);
    }

    [Fact]
    public async Task GetConsentAsync_RequestOnTheWire_CarriesKdpServiceId()
    {
        await Adapter().GetConsentAsync(Population.KdpPending, "wire-check", CancellationToken.None);

        var body = (await fixture.WireMock.ReceivedBodiesAsync("/kdp")).Last(b => b.Contains("wire-check", StringComparison.Ordinal));
        Assert.Contains("<serviceId>KDP_SERVICE</serviceId>", body, StringComparison.Ordinal);
    }
}

using ProactiveReissue.Adapters.Bmg;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.IntegrationTests.Adapters;

[Collection(AdapterCollection.Name)]
public sealed class BmgAdapterTests(AdapterFixture fixture)
{
    private BmgAdapter Adapter(Action<BmgOptions>? configure = null) => new(fixture.Http(), fixture.Options("bmg", configure), TimeProvider.System);

    [Fact]
    public async Task GetPhoneAsync_HeadWithPhone_ReturnsNumber()
    {
        var outcome = await Adapter().GetPhoneAsync(Population.CleanHead, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Found, outcome.Kind);
        Assert.Equal("+77010000101", outcome.Value!.Phone);
    }

    [Fact]
    public async Task GetPhoneAsync_HeadWithoutPhone_ReturnsNotFound()
    {
        var outcome = await Adapter().GetPhoneAsync(Population.NoPhoneHead, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.NotFound, outcome.Kind);
    }

    [Fact]
    public async Task GetPhoneAsync_SlowPeer_ReturnsTimeoutAfterRetries()
    {
        var before = await fixture.CountRequestsAsync("bmg", Population.SlowIin);

        var outcome = await Adapter(o => { o.TimeoutMs = 500; o.RetryCount = 1; }).GetPhoneAsync(Population.SlowIin, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Timeout, outcome.Kind);
        Assert.Equal(before + 2, await fixture.CountRequestsAsync("bmg", Population.SlowIin));
    }
}

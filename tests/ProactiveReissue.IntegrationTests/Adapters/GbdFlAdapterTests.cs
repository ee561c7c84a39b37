using ProactiveReissue.Adapters.GbdFl;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.IntegrationTests.Adapters;

[Collection(AdapterCollection.Name)]
public sealed class GbdFlAdapterTests(AdapterFixture fixture)
{
    private GbdFlAdapter Adapter(Action<GbdFlOptions>? configure = null) =>
        new(fixture.Http(), fixture.Options("gbdfl", configure), TimeProvider.System, AdapterFixture.NewCache());

    [Fact]
    public async Task GetPersonAsync_KnownIin_ReturnsPerson()
    {
        var outcome = await Adapter().GetPersonAsync(Population.CleanHead, "kdp-token-7f3c2a10-0001", CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Found, outcome.Kind);
        Assert.Equal(Population.CleanHead, outcome.Value!.Iin);
        Assert.Equal("Ахметов", outcome.Value.Surname);
        Assert.Equal("KZ", outcome.Value.RegAddressCountry);
        Assert.Equal(new DateOnly(1985, 3, 12), outcome.Value.BirthDate);
    }

    [Fact]
    public async Task GetPersonAsync_RequestOnTheWire_IsSignedSendMessageWithServiceIdAndToken()
    {
        await Adapter(o => o.CacheMinutes = 0).GetPersonAsync(Population.DeadHead, "kdp-token-wire", CancellationToken.None);

        var body = (await fixture.WireMock.ReceivedBodiesAsync("/gbdfl")).Last(b => b.Contains("kdp-token-wire", StringComparison.Ordinal));
        Assert.Contains("<serviceId>GBDFL_UniversalServiceSync</serviceId>", body, StringComparison.Ordinal);
        Assert.Contains("wsse:Security", body, StringComparison.Ordinal);
        Assert.Contains("<senderId>proactive-reissue</senderId>", body, StringComparison.Ordinal);
        Assert.Matches("<messageDate>[0-9T:.-]+\\+05:00</messageDate>", body);
    }

    [Fact]
    public async Task GetPersonAsync_SecondRead_ServedFromCache()
    {
        var adapter = Adapter(o => o.CacheMinutes = 5);
        var before = await fixture.CountRequestsAsync("gbdfl", Population.MissingHead);

        var first = await adapter.GetPersonAsync(Population.MissingHead, null, CancellationToken.None);
        var second = await adapter.GetPersonAsync(Population.MissingHead, null, CancellationToken.None);

        Assert.True(first.IsFound);
        Assert.Equal(first.Value, second.Value);
        Assert.Equal(before + 1, await fixture.CountRequestsAsync("gbdfl", Population.MissingHead));
    }

    [Fact]
    public async Task GetPersonAsync_UnknownIin_ReturnsNotFound()
    {
        var outcome = await Adapter().GetPersonAsync(Population.NotFoundIin, null, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.NotFound, outcome.Kind);
    }

    [Fact]
    public async Task GetPersonAsync_PeerSoapFault_ReturnsPeerFaultWithItsCode()
    {
        var outcome = await Adapter().GetPersonAsync(Population.FaultIin, null, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.PeerFault, outcome.Kind);
        Assert.Equal("GBDFL-E500", outcome.Code);
        Assert.Equal("GBD FL internal error", outcome.Message);
    }

    [Fact]
    public async Task GetPersonAsync_SlowPeer_ReturnsTimeout()
    {
        var adapter = Adapter(o => { o.TimeoutMs = 700; o.RetryCount = 0; });

        var outcome = await adapter.GetPersonAsync(Population.SlowIin, null, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Timeout, outcome.Kind);
        Assert.Equal(AdapterCodes.Timeout, outcome.Code);
    }

    [Theory]
    [InlineData(Population.ResetIin)]
    [InlineData(Population.EmptyIin)]
    [InlineData(Population.UnavailableIin)]
    public async Task GetPersonAsync_ConnectionResetEmptyOr503_ReturnsUnavailable(string iin)
    {
        var outcome = await Adapter().GetPersonAsync(iin, null, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Unavailable, outcome.Kind);
        Assert.Equal(AdapterCodes.Unreachable, outcome.Code);
    }

    [Fact]
    public async Task GetPersonAsync_ResetOnRead_IsRetried()
    {
        var before = await fixture.CountRequestsAsync("gbdfl", Population.ResetIin);

        await Adapter(o => o.RetryCount = 2).GetPersonAsync(Population.ResetIin, null, CancellationToken.None);

        Assert.Equal(before + 3, await fixture.CountRequestsAsync("gbdfl", Population.ResetIin));
    }

    [Fact]
    public async Task GetPersonAsync_NothingListening_ReturnsUnavailable()
    {
        var adapter = Adapter(o => { o.Endpoint = $"http://127.0.0.1:{Infrastructure.FreePort.Next()}/gbdfl"; o.RetryCount = 0; });

        var outcome = await adapter.GetPersonAsync(Population.CleanHead, null, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Unavailable, outcome.Kind);
    }
}

using ProactiveReissue.Adapters.Bmg;
using ProactiveReissue.Adapters.Shep;
using Polly.CircuitBreaker;

namespace ProactiveReissue.IntegrationTests.Adapters;

[Collection(AdapterCollection.Name)]
public sealed class CircuitBreakerTests(AdapterFixture fixture)
{
    [Fact]
    public async Task GetPhoneAsync_DroppedConnections_OpenBreakerThenRecoverWhenMockIsHealthy()
    {
        var adapter = new BmgAdapter(
            fixture.Http(),
            fixture.Options<BmgOptions>("bmg", o =>
            {
                o.RetryCount = 0;
                o.BreakerMinimumThroughput = 3;
                o.BreakerFailureRatio = 0.5;
                o.BreakerSamplingMs = 10_000;
                o.BreakerBreakMs = 1_500;
            }),
            TimeProvider.System);
        var dropping = await fixture.WireMock.AddMappingAsync("""
            { "priority": 1, "request": { "method": "POST", "urlPath": "/bmg" }, "response": { "fault": "CONNECTION_RESET_BY_PEER" } }
            """);

        var dropped = new List<AdapterOutcome<BmgPhone>>();
        for (var i = 0; i < 3; i++)
        {
            dropped.Add(await adapter.GetPhoneAsync(Population.CleanHead, CancellationToken.None));
        }

        var whileOpen = await adapter.GetPhoneAsync(Population.CleanHead, CancellationToken.None);
        await fixture.WireMock.RemoveMappingAsync(dropping);
        var stillOpen = await adapter.GetPhoneAsync(Population.CleanHead, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(1_800));
        var recovered = await adapter.GetPhoneAsync(Population.CleanHead, CancellationToken.None);

        Assert.All(dropped, o => Assert.Equal(AdapterCodes.Unreachable, o.Code));
        Assert.Equal(AdapterOutcomeKind.Unavailable, whileOpen.Kind);
        Assert.Equal(AdapterCodes.CircuitOpen, whileOpen.Code);
        Assert.Equal(AdapterCodes.CircuitOpen, stillOpen.Code);
        Assert.Equal(AdapterOutcomeKind.Found, recovered.Kind);
        Assert.Equal("+77010000101", recovered.Value!.Phone);
        Assert.Equal(CircuitState.Closed, adapter.Client.Pipeline.BreakerState.CircuitState);
    }
}

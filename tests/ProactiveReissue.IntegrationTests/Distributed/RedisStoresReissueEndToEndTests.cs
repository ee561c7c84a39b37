using System.Text.Json;
using System.Text.Json.Nodes;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.IntegrationTests.Reissue;
using ProactiveReissue.Tests.Queue.Redis;

namespace ProactiveReissue.IntegrationTests.Distributed;

/// <summary>
/// The coordinator's end-to-end test (<see cref="ReissueEndToEndTests"/>, every case of it) with every store in
/// one real redis-server: cases, timers, leases, journal, replay window, queue and the adapters' cache. It runs
/// against its own gateway fixture, because the base test counts the SMS and SDU calls WireMock received.
/// </summary>
[Collection(RedisStoresCollection.Name)]
public sealed class RedisStoresReissueEndToEndTests(GatewayFixture fixture) : ReissueEndToEndTests(fixture), IAsyncLifetime
{
    private RedisServerProcess _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServerProcess.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    protected override object GatewaySection()
    {
        var section = JsonSerializer.SerializeToNode(base.GatewaySection())!.AsObject();
        section["Store"] = JsonSerializer.SerializeToNode(new
        {
            Provider = "redis",
            KeyPrefix = "e2e",
            Redis = new { Host = "127.0.0.1", _redis.Port },
        });
        return section;
    }
}

/// <summary>A gateway fixture (and WireMock) of its own for the Redis variant of the end-to-end test.</summary>
[CollectionDefinition(Name)]
public sealed class RedisStoresCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "redis-stores-e2e";
}

using ProactiveReissue.Gateway.Distributed;
using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Tests.Queue.Redis;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>The lease contract on a real redis-server, plus what only expiry can show.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisCaseLeaseTests(RedisServerFixture redis) : CaseLeaseContract
{
    private readonly RedisKeys _keys = new($"t{Guid.NewGuid():N}");

    protected override (ICaseLease First, ICaseLease Second) CreatePair() =>
        (new RedisCaseLease(redis.Connection, _keys, TimeSpan.FromMinutes(1)), new RedisCaseLease(redis.Connection, _keys, TimeSpan.FromMinutes(1)));

    [Fact]
    public async Task ExtendAsync_LeaseExpiredAndTakenByAnother_FalseAndReleaseLeavesTheNewHolder()
    {
        var first = new RedisCaseLease(redis.Connection, _keys, TimeSpan.FromMinutes(1));
        var held = (await first.TryAcquireAsync("case-9", default))!;
        // The holder stalled past its lease: Redis dropped the key and another instance took the case.
        await redis.Connection.ExecuteAsync(["DEL", _keys.Lease("case:case-9")], default);
        await using var taken = await first.TryAcquireAsync("case-9", default);

        var extended = await held.ExtendAsync(default);
        await held.DisposeAsync();
        var stillTaken = await first.TryAcquireAsync("case-9", default);

        Assert.NotNull(taken);
        Assert.False(extended);
        Assert.Null(stillTaken);
    }

    [Fact]
    public async Task TryAcquireAsync_Held_KeyExpiresWithinTheLease()
    {
        var lease = new RedisCaseLease(redis.Connection, _keys, TimeSpan.FromSeconds(30));

        await using var held = await lease.TryAcquireAsync("case-10", default);
        var ttl = (await redis.Connection.ExecuteAsync(["PTTL", _keys.Lease("case:case-10")], default)).AsInt64();

        Assert.InRange(ttl, 1, 30_000);
    }
}

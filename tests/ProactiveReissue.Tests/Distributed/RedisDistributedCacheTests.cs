using Microsoft.Extensions.Caching.Distributed;
using ProactiveReissue.Gateway.Distributed;
using ProactiveReissue.Tests.Queue.Redis;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>The adapters' cache on a real redis-server: shared by instances, expiry as asked, a miss when Redis is down.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisDistributedCacheTests(RedisServerFixture redis)
{
    private readonly RedisKeys _keys = new($"t{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task GetAsync_SetByAnotherInstance_ReturnsTheBytes()
    {
        var a = new RedisDistributedCache(redis.Connection, _keys, _time);
        var b = new RedisDistributedCache(redis.Connection, _keys, _time);

        await a.SetAsync("person:1", [1, 2, 3], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });

        Assert.Equal([1, 2, 3], await b.GetAsync("person:1"));
        Assert.Null(await b.GetAsync("person:2"));
        Assert.InRange(await TtlAsync("person:1"), 1, 300_000);
    }

    [Fact]
    public async Task GetAsync_Sliding_RenewsUpToTheAbsoluteLimit()
    {
        var cache = new RedisDistributedCache(redis.Connection, _keys, _time);
        await cache.SetAsync("k", [7], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1), AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) });
        await redis.Connection.ExecuteAsync(["PEXPIRE", _keys.Cache("k"), "1000"], default);

        await cache.GetAsync("k");
        var renewed = await TtlAsync("k");
        _time.Advance(TimeSpan.FromMinutes(9.5));
        await cache.RefreshAsync("k");
        var capped = await TtlAsync("k");

        Assert.InRange(renewed, 30_000, 60_000);
        Assert.InRange(capped, 1, 30_000);
    }

    [Fact]
    public async Task RemoveAsync_Entry_Gone()
    {
        var cache = new RedisDistributedCache(redis.Connection, _keys, _time);
        cache.Set("k", [1], new DistributedCacheEntryOptions());

        await cache.RemoveAsync("k");

        Assert.Null(cache.Get("k"));
        Assert.Equal(-2, await TtlAsync("k"));
    }

    [Fact]
    public async Task GetAndSet_RedisUnreachable_AMissNotAFailure()
    {
        await using var dead = DeadRedis.Pool();
        var cache = new RedisDistributedCache(dead, _keys, _time);

        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });

        Assert.Null(await cache.GetAsync("k"));
    }

    private async Task<long> TtlAsync(string key) => (await redis.Connection.ExecuteAsync(["PTTL", _keys.Cache(key)], default)).AsInt64();
}

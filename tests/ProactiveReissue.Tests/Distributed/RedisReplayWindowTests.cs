using ProactiveReissue.Gateway.Distributed;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Tests.Queue.Redis;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>The replay window shared through a real redis-server: two instances, one memory of what was seen.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisReplayWindowTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly RedisKeys _keys = new($"t{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task CheckAsync_SameMessageIdOnTwoInstances_SecondRefusedWithSce018()
    {
        var a = new RedisReplayWindow(redis.Connection, _keys, _time, Window);
        var b = new RedisReplayWindow(redis.Connection, _keys, _time, Window);

        await a.CheckAsync("CLIENT", "m-1", default);
        var ex = await Assert.ThrowsAsync<ShepException>(() => b.CheckAsync("CLIENT", "m-1", default).AsTask());

        Assert.Equal("SCE018", ex.Fault.Code);
        Assert.Contains("2026-03-15T14:30:00.000+05:00", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_SameMessageIdOtherSender_Accepted()
    {
        var window = new RedisReplayWindow(redis.Connection, _keys, _time, Window);

        await window.CheckAsync("CLIENT", "m-2", default);
        await window.CheckAsync("OTHER", "m-2", default);
        await window.CheckAsync("CLIEN", "T:m-2", default);

        var ttl = (await redis.Connection.ExecuteAsync(["PTTL", _keys.Replay("CLIENT", "m-2")], default)).AsInt64();
        Assert.InRange(ttl, 1, (long)Window.TotalMilliseconds);
    }

    [Fact]
    public async Task CheckAsync_RedisUnreachable_RefusedWithSce044()
    {
        await using var dead = DeadRedis.Pool();
        var window = new RedisReplayWindow(dead, _keys, _time, Window);

        var ex = await Assert.ThrowsAsync<ShepException>(() => window.CheckAsync("CLIENT", "m-3", default).AsTask());

        Assert.Equal("SCE044", ex.Fault.Code);
    }
}

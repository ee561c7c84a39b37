using ProactiveReissue.Gateway.Async;
using ProactiveReissue.Gateway.Distributed;
using ProactiveReissue.Tests.Queue.Redis;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>The asynchronous message store contract on a real redis-server, and what a second instance sees.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisAsyncMessageStoreTests(RedisServerFixture redis) : AsyncMessageStoreContract
{
    private readonly RedisKeys _keys = new($"t{Guid.NewGuid():N}");

    protected override Task<IAsyncMessageStore> CreateAsync() =>
        Task.FromResult<IAsyncMessageStore>(new RedisAsyncMessageStore(redis.Connection, _keys, TimeSpan.FromDays(1)));

    [Fact]
    public async Task SetStateAsync_ByTheOtherInstance_SeenHereAndTheMessageExpiresAfterRetention()
    {
        var accepting = new RedisAsyncMessageStore(redis.Connection, _keys, TimeSpan.FromHours(1));
        var delivering = new RedisAsyncMessageStore(redis.Connection, _keys, TimeSpan.FromHours(1));
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        await accepting.AddAsync(new AsyncMessage("x-1", "c", "SVC", "REQUEST", "A", "B", null, now, "[]", "<d/>", AsyncNames.OnDelivery, "Accepted", now, now), default);

        var moved = await delivering.SetStateAsync("x-1", AsyncNames.Delivered, "Delivered", now.AddSeconds(1), default);
        var seen = await accepting.FindAsync("x-1", default);
        var ttl = (await redis.Connection.ExecuteAsync(["PTTL", _keys.Async + ":m:x-1"], default)).AsInt64();

        Assert.True(moved);
        Assert.Equal(AsyncNames.Delivered, seen!.State);
        Assert.Empty(await accepting.PendingForAsync("B", "SVC", null, null, 10, default));
        Assert.InRange(ttl, 1, 3_600_000);
    }
}

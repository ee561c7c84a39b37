using ProactiveReissue.Gateway.Distributed;
using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Tests.Queue.Redis;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>The case store contract on a real redis-server; each test under its own key prefix.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisCaseStoreTests(RedisServerFixture redis) : CaseStoreContract
{
    protected override Task<ICaseStore> CreateAsync() =>
        Task.FromResult<ICaseStore>(new RedisCaseStore(redis.Connection, new RedisKeys($"t{Guid.NewGuid():N}")));

    [Fact]
    public async Task SaveAsync_RedisUnreachable_FailsWithSce044()
    {
        await using var dead = DeadRedis.Pool();
        var store = new RedisCaseStore(dead, new RedisKeys("dead"));
        var c = Case("900");

        var ex = await Assert.ThrowsAsync<ShepException>(() => store.SaveAsync(c, new CaseHistoryEntry(c.CaseId, T0, "s", "i", "o"), default));

        Assert.Equal("SCE044", ex.Fault.Code);
    }
}

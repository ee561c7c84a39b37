using ProactiveReissue.Gateway.Distributed;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Tests.Queue.Redis;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>The journal contract on a real redis-server, and its bounded retention.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisMessageJournalTests(RedisServerFixture redis) : MessageJournalContract
{
    private readonly RedisKeys _keys = new($"t{Guid.NewGuid():N}");

    protected override Task<IMessageJournal> CreateAsync() =>
        Task.FromResult<IMessageJournal>(new RedisMessageJournal(redis.Connection, _keys, TimeSpan.FromDays(30)));

    [Fact]
    public async Task AppendAsync_Entry_EntryAndItsIndexesExpireAfterTheRetention()
    {
        var journal = new RedisMessageJournal(redis.Connection, _keys, TimeSpan.FromHours(1));

        await journal.AppendAsync(new JournalEntry("in", "client-request", "sync", "m-ttl", null, "s-ttl", null, null, null, DateTimeOffset.UnixEpoch, "ok", null, 0, "x"), default);
        var entryTtl = (await redis.Connection.ExecuteAsync(["PTTL", _keys.Journal + ":e:1"], default)).AsInt64();
        var indexTtl = (await redis.Connection.ExecuteAsync(["PTTL", _keys.Journal + ":m:m-ttl"], default)).AsInt64();

        Assert.InRange(entryTtl, 1, 3_600_000);
        Assert.InRange(indexTtl, 1, 3_600_000);
    }

    [Fact]
    public async Task AppendAsync_RedisUnreachable_FailsWithSce044()
    {
        await using var dead = DeadRedis.Pool();
        var journal = new RedisMessageJournal(dead, _keys, TimeSpan.FromDays(1));

        var ex = await Assert.ThrowsAsync<ShepException>(() => journal.AppendAsync(new JournalEntry("in", "h", "sync", "m", null, null, null, null, null, DateTimeOffset.UnixEpoch, "ok", null, 0, "x"), default));

        Assert.Equal("SCE044", ex.Fault.Code);
    }
}

using System.Text;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Redis;
using ProactiveReissue.Tests.Queue.Redis;

namespace ProactiveReissue.Tests.Queue;

/// <summary>The store contract against a real redis-server, plus what only a shared, restartable server can show.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisQueueStoreTests(RedisServerFixture redis) : QueueStoreContract
{
    private readonly string _name = $"test-{Guid.NewGuid():N}";
    private int _stores;

    protected override Task<IQueueStore> CreateAsync(long maxBacklog) =>
        Task.FromResult<IQueueStore>(new RedisQueueStore(redis.Connection, $"{_name}-{++_stores}", Time, maxBacklog));

    [Fact]
    public async Task Lease_TwoInstancesOneQueue_EachHeadLeasedOnce()
    {
        await using var other = new RedisQueueStore(redis.Connection, $"{_name}-1", Time);
        await Store.EnqueueAsync([Message("a", "1"), Message("b", "2"), Message("c", "2")], default);

        var mine = await Store.LeaseAsync("instance-1", 10, TimeSpan.FromMinutes(1), default);
        var theirs = await other.LeaseAsync("instance-2", 10, TimeSpan.FromMinutes(1), default);
        await Store.AckAsync(mine.Single(m => m.Message.MessageId == "b").Sequence, default);
        var next = await other.LeaseAsync("instance-2", 10, TimeSpan.FromMinutes(1), default);

        Assert.Equal(["a", "b"], mine.Select(m => m.Message.MessageId));
        Assert.Empty(theirs);
        Assert.Equal(["c"], next.Select(m => m.Message.MessageId));
    }

    [Fact]
    public async Task Lease_FourInstancesDrainingConcurrently_EachMessageOnceInKeyOrder()
    {
        await Store.EnqueueAsync(Enumerable.Range(0, 300).Select(i => Message($"k{i % 10}-{i / 10:D3}", $"k{i % 10}")).ToList(), default);
        var delivered = new System.Collections.Concurrent.ConcurrentQueue<string>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async w =>
        {
            await using var instance = new RedisQueueStore(redis.Connection, $"{_name}-1", Time);
            while (await instance.BacklogAsync(default) > 0)
            {
                foreach (var message in await instance.LeaseAsync($"instance-{w}", 3, TimeSpan.FromMinutes(1), default))
                {
                    delivered.Enqueue(message.Message.MessageId);
                    await instance.AckAsync(message.Sequence, default);
                }
            }
        }));

        Assert.Equal(300, delivered.Distinct().Count());
        Assert.Equal(300, delivered.Count);
        Assert.All(delivered.GroupBy(id => id[..id.IndexOf('-', StringComparison.Ordinal)]), key => Assert.Equal(key.Order(StringComparer.Ordinal), key));
    }

    [Fact]
    public async Task Enqueue_ThenRedisKilledAndRestarted_NothingAcknowledgedIsLost()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var connection = new ProactiveReissue.Queue.Redis.Resp.RedisConnectionPool(server.Options(), TimeProvider.System);
        await using var store = new RedisQueueStore(connection, _name, Time);
        await store.EnqueueAsync(Enumerable.Range(0, 100).Select(i => Message($"m{i}", $"k{i % 7}")).ToList(), default);

        await server.RestartAsync();
        var backlog = await EventuallyAsync(() => store.BacklogAsync(default));
        var leased = await store.LeaseAsync("w", 100, TimeSpan.FromMinutes(1), default);

        Assert.Equal(100, backlog);
        Assert.Equal(7, leased.Count);
        Assert.Equal("<m id=\"m0\"/>", Encoding.UTF8.GetString(leased[0].Message.Payload.Span));
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> action)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (QueueUnavailableException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }
}

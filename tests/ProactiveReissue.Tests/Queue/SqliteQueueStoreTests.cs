using System.Text;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Sqlite;

namespace ProactiveReissue.Tests.Queue;

public sealed class SqliteQueueStoreTests : QueueStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-queue-").FullName;
    private int _stores;

    protected override Task<IQueueStore> CreateAsync(long maxBacklog) =>
        Task.FromResult<IQueueStore>(new SqliteQueueStore(Path.Combine(_directory, $"queue{++_stores}.db"), Time, maxBacklog));

    [Fact]
    public async Task Reopen_AfterEnqueue_KeepsEveryMessageAndTheBacklog()
    {
        var path = Path.Combine(_directory, "reopen.db");
        await using (var first = new SqliteQueueStore(path, Time))
        {
            await first.EnqueueAsync([Message("a", "1"), Message("b", "2")], default);
            await first.LeaseAsync("crashed-worker", 10, TimeSpan.FromMinutes(1), default);
        }

        await using var second = new SqliteQueueStore(path, Time);
        Time.Advance(TimeSpan.FromMinutes(2));
        var leased = await second.LeaseAsync("w2", 10, TimeSpan.FromMinutes(1), default);

        Assert.Equal(2, await second.BacklogAsync(default));
        Assert.Equal(["a", "b"], leased.Select(m => m.Message.MessageId));
        Assert.Equal("<m id=\"a\"/>", Encoding.UTF8.GetString(leased[0].Message.Payload.Span));
    }

    [Fact]
    public async Task Lease_SmallBatchesAcksLaggingBehind_DeliversEveryMessageOnceInKeyOrder()
    {
        // Leases live in memory and usually read only the tail: messages waiting behind their key's head
        // must still come once the head is acked, each exactly once, in enqueue order per key.
        var messages = Enumerable.Range(0, 400).Select(i => Message($"m{i:D3}", i % 3 == 0 ? $"shared-{i % 7}" : $"own-{i}")).ToList();
        foreach (var chunk in messages.Chunk(50))
        {
            await Store.EnqueueAsync(chunk, default);
        }

        var delivered = new List<QueuedMessage>();
        var held = new List<QueuedMessage>();
        for (var round = 0; round < 1_000 && await Store.BacklogAsync(default) > 0; round++)
        {
            var leased = await Store.LeaseAsync("w1", 16, TimeSpan.FromMinutes(1), default);
            foreach (var message in held.Concat(leased.Where((_, i) => i % 2 == 0)).ToList())
            {
                await Store.AckAsync(message.Sequence, default);
                delivered.Add(message);
            }

            held = leased.Where((_, i) => i % 2 == 1).ToList();
        }

        Assert.Equal(messages.Select(m => m.MessageId).Order(), delivered.Select(m => m.Message.MessageId).Order());
        Assert.All(delivered.GroupBy(m => m.Message.OrderingKey), key => Assert.Equal(key.Select(m => m.Sequence).Order(), key.Select(m => m.Sequence)));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

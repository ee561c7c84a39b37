using System.Text;
using Microsoft.Data.Sqlite;
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

    [Fact]
    public async Task Ack_ThenReopen_MessageStaysDeliveredAndBacklogCountsTheRest()
    {
        // Arrange: acks are kept in memory; closing the store logs them (and drops a segment with nothing left).
        var path = Path.Combine(_directory, "acked.db");
        await using (var first = new SqliteQueueStore(path, Time))
        {
            await first.EnqueueAsync([Message("a", "1"), Message("b", "2"), Message("c", "3")], default);
            var leased = await first.LeaseAsync("w1", 2, TimeSpan.FromMinutes(1), default);

            // Act
            foreach (var message in leased)
            {
                await first.AckAsync(message.Sequence, default);
            }
        }

        await using var second = new SqliteQueueStore(path, Time);
        var left = await second.LeaseAsync("w2", 10, TimeSpan.FromMinutes(1), default);

        // Assert
        Assert.Equal(1, await second.BacklogAsync(default));
        Assert.Equal(["c"], left.Select(m => m.Message.MessageId));
        Assert.Equal(2L, CountLoggedAcks(path));
    }

    [Fact]
    public async Task Ack_ThenGetRetryOrDeadLetter_TheMessageHasLeftTheQueue()
    {
        // Arrange
        await Store.EnqueueAsync([Message("a", "1")], default);
        var sequence = (await Store.LeaseAsync("w1", 1, TimeSpan.FromMinutes(1), default)).Single().Sequence;

        // Act
        await Store.AckAsync(sequence, default);
        await Store.RetryAsync(sequence, Time.GetUtcNow(), "late", default);
        await Store.DeadLetterAsync(sequence, "late", default);

        // Assert
        Assert.Null(await Store.GetAsync(sequence, default));
        Assert.Empty(await Store.DeadLettersAsync(10, default));
        Assert.Empty(await Store.LeaseAsync("w1", 10, TimeSpan.FromMinutes(1), default));
        Assert.Equal(0, await Store.BacklogAsync(default));
    }

    [Fact]
    public async Task Ack_MessageDeliveredTwiceAfterItsLeaseRanOut_LeavesTheBacklogOnce()
    {
        // Arrange: the lease runs out mid-attempt, the message is leased again, and both attempts are acked.
        var path = Path.Combine(_directory, "twice.db");
        await using (var store = new SqliteQueueStore(path, Time))
        {
            await store.EnqueueAsync([Message("a", "1"), Message("b", "2")], default);
            var first = await store.LeaseAsync("w1", 10, TimeSpan.FromMinutes(1), default);
            Time.Advance(TimeSpan.FromMinutes(2));
            var second = await store.LeaseAsync("w2", 10, TimeSpan.FromMinutes(1), default);

            // Act
            await store.AckAsync(first[0].Sequence, default);
            await store.AckAsync(second[0].Sequence, default);

            // Assert
            Assert.Equal(first[0].Sequence, second[0].Sequence);
            Assert.Equal(1, await store.BacklogAsync(default));
            Assert.Null(await store.GetAsync(first[0].Sequence, default));
        }

        await using var reopened = new SqliteQueueStore(path, Time);
        Assert.Equal(1, await reopened.BacklogAsync(default));
        Assert.Equal(1L, CountLoggedAcks(path));
    }

    [Fact]
    public async Task Enqueue_SameMessageIdAfterItsAck_IsQueuedAgain()
    {
        // Arrange
        await Store.EnqueueAsync([Message("a", "1")], default);
        var first = (await Store.LeaseAsync("w1", 1, TimeSpan.FromMinutes(1), default)).Single();
        await Store.AckAsync(first.Sequence, default);

        // Act
        await Store.EnqueueAsync([Message("a", "1")], default);
        var again = await Store.LeaseAsync("w1", 10, TimeSpan.FromMinutes(1), default);

        // Assert
        Assert.Equal(1, await Store.BacklogAsync(default));
        Assert.Equal(["a"], again.Select(m => m.Message.MessageId));
        Assert.NotEqual(first.Sequence, again[0].Sequence);
    }

    [Fact]
    public async Task Open_FileWithTheOldIndexes_KeepsOnlyThePartialDeadLetterIndex()
    {
        // Arrange: a file made before the dead letters had an index of their own and while the keys had one.
        var path = Path.Combine(_directory, "old.db");
        await using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = SqliteQueueStore.Schema.Replace("DROP INDEX IF EXISTS ix_outbox_dead;", string.Empty, StringComparison.Ordinal)
                .Replace("DROP INDEX IF EXISTS ix_outbox_key;", "CREATE INDEX ix_outbox_key ON outbox(ordering_key, seq) WHERE dead = 0;", StringComparison.Ordinal)
                .Replace("ix_outbox_dead_letters ON outbox(seq) WHERE dead = 1", "ix_outbox_dead ON outbox(dead, seq)", StringComparison.Ordinal);
            create.ExecuteNonQuery();
        }

        // Act
        await using (new SqliteQueueStore(path, Time))
        {
        }

        // Assert
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var indexes = check.CreateCommand();
        indexes.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%' ORDER BY name)";
        Assert.Equal("ix_outbox_dead_letters", indexes.ExecuteScalar());
    }

    [Fact]
    public async Task Ack_RacingTheNextLease_EveryMessageOnceInKeyOrderAndNothingLeftAfterReopen()
    {
        // Arrange: acks run on the thread pool while the next lease scans, so some find the write lock taken.
        var path = Path.Combine(_directory, "race.db");
        var leasedOrder = new List<QueuedMessage>();
        var acks = new List<Task>();
        await using (var store = new SqliteQueueStore(path, Time))
        {
            await store.EnqueueAsync(Enumerable.Range(0, 600).Select(i => Message($"m{i:D4}", $"k{i % 30}")).ToList(), default);

            // Act
            for (var round = 0; round < 2_000 && await store.BacklogAsync(default) > 0; round++)
            {
                var leased = await store.LeaseAsync("w1", 50, TimeSpan.FromMinutes(1), default);
                if (leased.Count == 0)
                {
                    await Task.WhenAll(acks); // the next heads wait for these acks
                    continue;
                }

                leasedOrder.AddRange(leased);
                acks.AddRange(leased.Select(m => Task.Run(() => store.AckAsync(m.Sequence, default))));
                await Task.Yield(); // the leases complete synchronously: do not hold a pool thread for the whole loop
            }

            await Task.WhenAll(acks);
        }

        await using var reopened = new SqliteQueueStore(path, Time);

        // Assert
        Assert.Equal(600, leasedOrder.Count);
        Assert.Equal(600, leasedOrder.Select(m => m.Message.MessageId).Distinct().Count());
        Assert.All(leasedOrder.GroupBy(m => m.Message.OrderingKey), key => Assert.Equal(key.Select(m => m.Sequence).Order(), key.Select(m => m.Sequence)));
        Assert.Equal(0, await reopened.BacklogAsync(default));
        Assert.Equal(0L, CountRows(path));
    }

    /// <summary>Acks logged in the file (seqs in the runs of <c>outbox_acks</c>).</summary>
    internal static long CountLoggedAcks(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT coalesce(sum(last - first + 1), 0) FROM outbox_acks";
        return (long)count.ExecuteScalar()!;
    }

    /// <summary>Message rows in the file, dead letters and segments alike, read through a connection of its own (what a restart would find).</summary>
    internal static long CountRows(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND (name = 'outbox' OR name LIKE 'outbox_seg_%')";
        var names = new List<string>();
        using (var reader = tables.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT " + string.Join(" + ", names.Select(n => $"(SELECT count(*) FROM {n})"));
        return (long)count.ExecuteScalar()!;
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

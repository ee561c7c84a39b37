using Microsoft.Data.Sqlite;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Sqlite;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Queue;

/// <summary>
/// The SQLite store keeps its messages in segment tables of a range of seqs each, dropped whole once delivered, with the
/// acks logged in between. Segments of 64 seqs here, so that a few hundred messages span several.
/// </summary>
public sealed class SqliteQueueSegmentTests : IDisposable
{
    private const int Rows = 64;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-segments-").FullName;
    private readonly FakeTimeProvider _time = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Ack_EveryMessageOfFullSegments_TheirTablesAreDroppedWhileTheStoreRuns()
    {
        // Arrange: seqs 1–200 fill segments 0–2 and start segment 3.
        var path = Path.Combine(_directory, "drop.db");
        await using var store = new SqliteQueueStore(path, _time, segmentRows: Rows);
        await store.EnqueueAsync(Messages(200), default);
        var leased = await store.LeaseAsync("w", 500, Lease, default);

        // Act
        foreach (var message in leased)
        {
            await store.AckAsync(message.Sequence, default);
        }

        Assert.Empty(await store.LeaseAsync("w", 10, Lease, default)); // nothing to do: the writer logs and drops now
        var tables = await WaitFor(path, t => t.Count == 1);

        // Assert
        Assert.Equal(200, leased.Count);
        Assert.Equal(["outbox_seg_3"], tables);
        Assert.Equal(0, await store.BacklogAsync(default));
    }

    [Fact]
    public async Task Open_AfterACrashWithAcksLogged_DeliversOnlyTheUnackedMessages()
    {
        // Arrange: 80 of 100 messages acked and logged, then the files copied as a crash would leave them (no close).
        var path = Path.Combine(_directory, "crash.db");
        var copy = Path.Combine(_directory, "crash-copy.db");
        await using (var store = new SqliteQueueStore(path, _time, segmentRows: Rows))
        {
            await store.EnqueueAsync(Messages(100), default);
            var leased = await store.LeaseAsync("w", 100, Lease, default);
            foreach (var message in leased.Take(80))
            {
                await store.AckAsync(message.Sequence, default);
            }

            await store.LeaseAsync("w", 10, Lease, default); // nothing due: the acks are logged
            for (var wait = 0; wait < 200 && SqliteQueueStoreTests.CountLoggedAcks(path) < 80; wait++)
            {
                await Task.Delay(25);
            }

            foreach (var suffix in new[] { string.Empty, "-wal" })
            {
                File.Copy(path + suffix, copy + suffix);
            }
        }

        // Act
        await using var reopened = new SqliteQueueStore(copy, _time, segmentRows: Rows);
        var left = await reopened.LeaseAsync("w", 100, Lease, default);

        // Assert
        Assert.Equal(20, await reopened.BacklogAsync(default));
        Assert.Equal(Enumerable.Range(80, 20).Select(i => $"m{i:D3}"), left.Select(m => m.Message.MessageId));
    }

    [Fact]
    public async Task Enqueue_MessageIdQueuedInAnOlderSegment_IsIgnored()
    {
        // Arrange: "m000" is in segment 0, and the next messages go to segment 1 and after.
        await using var store = new SqliteQueueStore(Path.Combine(_directory, "twice.db"), _time, segmentRows: Rows);
        await store.EnqueueAsync(Messages(100), default);

        // Act
        await store.EnqueueAsync([Message("m000", "again"), Message("new", "k")], default);
        var leased = await store.LeaseAsync("w", 500, Lease, default);

        // Assert
        Assert.Equal(101, await store.BacklogAsync(default));
        Assert.Single(leased, m => m.Message.MessageId == "m000");
    }

    [Fact]
    public async Task Enqueue_MessageIdOfADeadLetter_IsIgnoredUntilItsReplayIsDelivered()
    {
        // Arrange: "m000" (seq 1) dead-lettered, the rest of segment 0 delivered.
        await using var store = new SqliteQueueStore(Path.Combine(_directory, "dead-id.db"), _time, segmentRows: Rows);
        await store.EnqueueAsync(Messages(10), default);
        var leased = await store.LeaseAsync("w", 10, Lease, default);
        await store.DeadLetterAsync(1, "rejected", default);
        foreach (var message in leased.Skip(1))
        {
            await store.AckAsync(message.Sequence, default);
        }

        // Act
        await store.EnqueueAsync([Message("m000", "again")], default);
        var whileDead = await store.BacklogAsync(default);
        await store.ReplayAsync(1, default);
        var replayed = await store.LeaseAsync("w", 10, Lease, default);
        await store.AckAsync(replayed.Single().Sequence, default);
        await store.EnqueueAsync([Message("m000", "again")], default);
        var queuedAgain = await store.LeaseAsync("w", 10, Lease, default);

        // Assert
        Assert.Equal(0, whileDead);
        Assert.Equal([1L], replayed.Select(m => m.Sequence));
        Assert.Equal(["m000"], queuedAgain.Select(m => m.Message.MessageId));
        Assert.True(queuedAgain[0].Sequence > 10);
    }

    [Fact]
    public async Task Replay_DeadLetterWhoseSegmentWasDropped_IsDeliveredAgainUnderItsSeq()
    {
        // Arrange: seq 5 dead-lettered, every other message of segments 0 and 1 delivered, segment 0 dropped.
        var path = Path.Combine(_directory, "replay.db");
        await using var store = new SqliteQueueStore(path, _time, segmentRows: Rows);
        await store.EnqueueAsync(Messages(130), default);
        var leased = await store.LeaseAsync("w", 500, Lease, default);
        await store.DeadLetterAsync(5, "rejected", default);
        foreach (var message in leased.Where(m => m.Sequence != 5))
        {
            await store.AckAsync(message.Sequence, default);
        }

        await store.LeaseAsync("w", 10, Lease, default);
        await WaitFor(path, t => !t.Contains("outbox_seg_0"));

        // Act
        var replayed = await store.ReplayAsync(5, default);
        var again = await store.LeaseAsync("w", 10, Lease, default);
        var stored = await store.GetAsync(5, default);

        // Assert
        Assert.True(replayed);
        Assert.Equal([5L], again.Select(m => m.Sequence));
        Assert.Equal("m004", again[0].Message.MessageId);
        Assert.Equal("m004", stored?.Message.MessageId);
        Assert.Empty(await store.DeadLettersAsync(10, default));
    }

    [Fact]
    public async Task Open_FileFromBeforeSegments_UndeliveredMessagesMoveIntoSegmentsUnderTheirSeqs()
    {
        // Arrange: a file of the old layout, every message in outbox: seqs 7 and 9 to deliver, seq 8 a dead letter.
        var path = Path.Combine(_directory, "old.db");
        await using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = SqliteQueueStore.Schema + """
                INSERT INTO outbox(seq, message_id, destination, ordering_key, content_type, payload, enqueued_ms, not_before_ms, dead)
                VALUES (7, 'a', 'http://127.0.0.1:9/in', 'k', 'application/xml', x'3C6D2F3E', 0, 0, 0),
                       (8, 'b', 'http://127.0.0.1:9/in', 'k', 'application/xml', x'3C6D2F3E', 0, 0, 1),
                       (9, 'c', 'http://127.0.0.1:9/in', 'k', 'application/xml', x'3C6D2F3E', 0, 0, 0);
                """;
            create.ExecuteNonQuery();
        }

        // Act
        await using var store = new SqliteQueueStore(path, _time, segmentRows: Rows);
        var first = await store.LeaseAsync("w", 10, Lease, default);
        await store.AckAsync(first.Single().Sequence, default);
        var second = await store.LeaseAsync("w", 10, Lease, default);
        await store.EnqueueAsync([Message("d", "other")], default);
        var third = await store.LeaseAsync("w", 10, Lease, default);

        // Assert
        Assert.Equal([7L], first.Select(m => m.Sequence));
        Assert.Equal([9L], second.Select(m => m.Sequence));
        Assert.Equal([10L], third.Select(m => m.Sequence));
        Assert.Equal(["b"], (await store.DeadLettersAsync(10, default)).Select(d => d.MessageId));
    }

    [Fact]
    public async Task Reopen_EverythingDeliveredAndDropped_SeqsAreNotHandedOutAgain()
    {
        // Arrange: three messages delivered; closing drops their segment, and with it the last seq in a table.
        var path = Path.Combine(_directory, "seqs.db");
        await using (var first = new SqliteQueueStore(path, _time, segmentRows: Rows))
        {
            await first.EnqueueAsync(Messages(3), default);
            foreach (var message in await first.LeaseAsync("w", 10, Lease, default))
            {
                await first.AckAsync(message.Sequence, default);
            }
        }

        // Act
        await using var second = new SqliteQueueStore(path, _time, segmentRows: Rows);
        await second.EnqueueAsync([Message("next", "k")], default);
        var leased = await second.LeaseAsync("w", 10, Lease, default);

        // Assert
        Assert.Equal(1L, SqliteQueueStoreTests.CountRows(path));
        Assert.Equal([4L], leased.Select(m => m.Sequence));
    }

    [Fact]
    public async Task Open_WithAnotherSegmentSize_KeepsTheSizeTheFileWasMadeWith()
    {
        // Arrange: 100 messages in segments of 64.
        var path = Path.Combine(_directory, "size.db");
        await using (var first = new SqliteQueueStore(path, _time, segmentRows: Rows))
        {
            await first.EnqueueAsync(Messages(100), default);
        }

        // Act: opened as the gateway opens it, with the default size.
        await using var second = new SqliteQueueStore(path, _time);
        var leased = await second.LeaseAsync("w", 500, Lease, default);

        // Assert
        Assert.Equal(100, await second.BacklogAsync(default));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), leased.Select(m => m.Sequence));
    }

    private static List<OutboundMessage> Messages(int count) =>
        Enumerable.Range(0, count).Select(i => Message($"m{i:D3}", $"k{i}")).ToList();

    private static OutboundMessage Message(string id, string key) =>
        new(id, "http://127.0.0.1:9/in", key, "application/xml", "<m/>"u8.ToArray());

    /// <summary>The segment tables in the file once <paramref name="done"/> holds of them (the writer drops tables after the lease that asked).</summary>
    private static async Task<List<string>> WaitFor(string path, Func<List<string>, bool> done)
    {
        var tables = SegmentTables(path);
        for (var wait = 0; wait < 200 && !done(tables); wait++)
        {
            await Task.Delay(25);
            tables = SegmentTables(path);
        }

        return tables;
    }

    private static List<string> SegmentTables(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'outbox_seg_%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}

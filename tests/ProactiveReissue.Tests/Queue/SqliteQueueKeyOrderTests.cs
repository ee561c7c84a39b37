using Microsoft.Data.Sqlite;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Sqlite;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Queue;

/// <summary>The SQLite store keeps the order per key in memory (<see cref="KeyHeads"/>): what rebuilds and changes it.</summary>
public sealed class SqliteQueueKeyOrderTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-keys-").FullName;
    private readonly FakeTimeProvider _time = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Reopen_KeysWithMessagesWaiting_LeasesOnlyEachKeysOldest()
    {
        // Arrange: two messages of app-1 and one of app-2, stored by a store that then closed (or crashed).
        var path = Path.Combine(_directory, "reopen.db");
        await using (var first = new SqliteQueueStore(path, _time))
        {
            await first.EnqueueAsync([Message("a1", "app-1"), Message("b1", "app-2"), Message("a2", "app-1")], default);
        }

        // Act
        await using var second = new SqliteQueueStore(path, _time);
        var heads = await second.LeaseAsync("w", 10, Lease, default);
        foreach (var message in heads)
        {
            await second.AckAsync(message.Sequence, default);
        }

        var next = await second.LeaseAsync("w", 10, Lease, default);

        // Assert
        Assert.Equal(["a1", "b1"], heads.Select(m => m.Message.MessageId));
        Assert.Equal(["a2"], next.Select(m => m.Message.MessageId));
        Assert.Equal(1, second.WaitingKeys);
    }

    [Fact]
    public async Task Reopen_NewMessageOfAWaitingKeyBeforeTheFirstLease_WaitsForTheOlderOnes()
    {
        // Arrange: a1 and a2 were stored before the store closed; the reopened store learns of them only as it scans.
        var path = Path.Combine(_directory, "lazy.db");
        await using (var first = new SqliteQueueStore(path, _time))
        {
            await first.EnqueueAsync([Message("a1", "app-1"), Message("a2", "app-1")], default);
        }

        await using var store = new SqliteQueueStore(path, _time);

        // Act: a3 of the same key is stored before anything is leased, then the key's messages are delivered in turn.
        await store.EnqueueAsync([Message("a3", "app-1"), Message("b1", "app-2")], default);
        var delivered = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            foreach (var message in await store.LeaseAsync("w", 10, Lease, default))
            {
                delivered.Add(message.Message.MessageId);
                await store.AckAsync(message.Sequence, default);
            }
        }

        // Assert
        Assert.Equal(["a1", "b1", "a2", "a3"], delivered);
        Assert.Equal(0, await store.BacklogAsync(default));
    }

    [Fact]
    public async Task Ack_MessageNotLeasedHere_DeletesItsRowAndLetsItsKeyMoveOn()
    {
        // Arrange: a1 was leased by a store that has since closed; the reopened store holds no lease of it.
        var path = Path.Combine(_directory, "unleased.db");
        long a1;
        await using (var first = new SqliteQueueStore(path, _time))
        {
            await first.EnqueueAsync([Message("a1", "app-1"), Message("a2", "app-1")], default);
            a1 = (await first.LeaseAsync("w", 10, Lease, default)).Single().Sequence;
        }

        await using var store = new SqliteQueueStore(path, _time);

        // Act: the delivery of a1 is acked by its seq (the writer deletes the row), then a2 is dead-lettered.
        await store.AckAsync(a1, default);
        var next = await store.LeaseAsync("w", 10, Lease, default);
        await store.DeadLetterAsync(next[0].Sequence, "HTTP 400", default);

        // Assert
        Assert.Equal(["a2"], next.Select(m => m.Message.MessageId));
        Assert.Null(await store.GetAsync(a1, default));
        Assert.Equal(0, store.WaitingKeys);
        Assert.Equal(0, await store.BacklogAsync(default));
    }

    [Fact]
    public void KeyHeads_AddedOutOfOrderAndRemoved_TheOldestWaitingIsTheHead()
    {
        // Arrange
        var heads = new KeyHeads();
        var key = KeyHeads.HashOf("app-1");

        // Act: 5 and 9 stored, 3 replayed before them, 7 replayed between (3 and 7 twice); then all leave, and app-2's one
        // message, added twice, leaves once.
        heads.Add(key, 5);
        heads.Add(key, 9);
        heads.Add(key, 3);
        heads.Add(key, 7);
        heads.Add(key, 7);
        heads.Add(key, 3);
        var afterAdds = new[] { 3L, 5, 7, 9 }.Where(s => heads.IsHead(key, s)).ToList();
        heads.Remove(key, 3);
        heads.Remove(key, 7);
        var afterRemoves = new[] { 5L, 9 }.Where(s => heads.IsHead(key, s)).ToList();
        heads.Remove(key, 5);
        heads.Remove(key, 9);
        var single = KeyHeads.HashOf("app-2");
        heads.Add(single, 11);
        heads.Add(single, 11);
        heads.Remove(single, 11);

        // Assert
        Assert.Equal([3L], afterAdds);
        Assert.Equal([5L], afterRemoves);
        Assert.Equal(0, heads.Count);
        Assert.NotEqual(KeyHeads.HashOf("app-1"), KeyHeads.HashOf("app-2"));
    }

    private static OutboundMessage Message(string id, string key) =>
        new(id, "http://127.0.0.1:9/in", key, "application/xml", "<m/>"u8.ToArray());
}

using Microsoft.Data.Sqlite;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Sqlite;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Queue;

/// <summary>
/// A disk that fails a sync (EIO from fdatasync): the journal and the queue stop acknowledging, and the checks behind
/// /health/ready report it instead of answering as if the store were fine.
/// </summary>
public sealed class SqliteDiskFailureTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pr-unit-disk-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task JournalAppend_WalSyncFails_RefusedAndPingSaysTheDiskIsNotTrusted()
    {
        // Arrange
        await using var journal = new SqliteMessageJournal(Path.Combine(_directory.FullName, "journal.db"), FailingSync);
        var entry = new JournalEntry(JournalHops.In, JournalHops.ClientRequest, "soap", "m-1", "m-1", null, "svc", "sender", "127.0.0.1",
            new DateTimeOffset(2026, 3, 15, 14, 30, 0, TimeSpan.FromHours(5)), JournalHops.Ok, null, 10, new string('0', 64));

        // Act
        var append = await Assert.ThrowsAsync<IOException>(() => journal.AppendAsync(entry, CancellationToken.None));
        var ping = await Assert.ThrowsAsync<IOException>(() => journal.PingAsync(CancellationToken.None));

        // Assert
        Assert.Equal("EIO", append.Message);
        Assert.Contains("sync of the journal's files failed (EIO)", ping.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueEnqueue_WalSyncFails_RefusedAndBacklogSaysUnavailable()
    {
        // Arrange
        await using var store = new SqliteQueueStore(Path.Combine(_directory.FullName, "queue.db"), new FakeTimeProvider(), fileSync: FailingSync);
        var message = new OutboundMessage("m-1", "http://127.0.0.1:9/receiver", "APP-1", "application/xml", "<m/>"u8.ToArray());

        // Act
        await Assert.ThrowsAsync<QueueUnavailableException>(() => store.EnqueueAsync([message], CancellationToken.None));
        var backlog = await Assert.ThrowsAsync<QueueUnavailableException>(() => store.BacklogAsync(CancellationToken.None));

        // Assert
        Assert.Contains("sync of the SQLite queue's files failed (EIO)", backlog.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueBacklog_SyncsSucceed_CountsTheMessages()
    {
        // Arrange
        var synced = 0;
        await using var store = new SqliteQueueStore(Path.Combine(_directory.FullName, "queue.db"), new FakeTimeProvider(), fileSync: _ => Interlocked.Increment(ref synced));
        var message = new OutboundMessage("m-1", "http://127.0.0.1:9/receiver", "APP-1", "application/xml", "<m/>"u8.ToArray());

        // Act
        await store.EnqueueAsync([message], CancellationToken.None);
        var backlog = await store.BacklogAsync(CancellationToken.None);

        // Assert
        Assert.Equal(1, backlog);
        Assert.True(synced >= 1);
    }

    private static void FailingSync(string path) => throw new IOException("EIO");
}

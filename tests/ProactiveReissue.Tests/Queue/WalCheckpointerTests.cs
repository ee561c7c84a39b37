using Microsoft.Data.Sqlite;
using ProactiveReissue.Queue.Sqlite;

namespace ProactiveReissue.Tests.Queue;

/// <summary>
/// The checkpointer on its own: a write connection committing under a lock, as its owners do, and the restart that
/// lets the WAL start over once the database file is synced.
/// </summary>
public sealed class WalCheckpointerTests : IAsyncLifetime
{
    private const int RestartFrames = 1_000;
    private const int RequestRows = 100;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pr-unit-checkpointer-");
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private string DatabasePath => Path.Combine(_directory.FullName, "wal.db");

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _writeLock.Dispose();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Request_WalPastRestartLength_DatabaseSyncedAndWalStartsOver()
    {
        // Arrange: 1,500 rows of about a page each in the WAL, no checkpoint yet
        var synced = new List<string>();
        await using var writer = OpenWriter();
        var checkpointer = new WalCheckpointer(ConnectionString, _writeLock, RequestRows, RestartFrames, RecordTo(synced));
        await WriteAsync(writer, 1_500);
        var before = WalPages();

        // Act: one checkpoint (a copy beside the writer, then the one under the lock), then 500 more rows
        await RestartThenWriteAsync(writer, checkpointer, synced, syncs: 4);

        // Assert: the new rows went to the start of the WAL instead of after its 1,500 pages
        var (wal, database) = (Path.GetFullPath(DatabasePath) + "-wal", Path.GetFullPath(DatabasePath));
        Assert.Null(checkpointer.Failure);
        Assert.Equal([wal, database, wal, database], synced); // each copy between the WAL's sync and the database's
        Assert.Equal(1L, checkpointer.Restarts);
        Assert.True(checkpointer.RestartHold > TimeSpan.Zero);
        Assert.True(WalPages() <= before, $"WAL grew from {before} to {WalPages()} pages");
        Assert.Equal(2_000L, Count(writer));
    }

    [Fact]
    public async Task Request_WalSyncedUnderLock_OnlyTheDatabaseSyncedAndWalStartsOver()
    {
        // Arrange: an owner that syncs the WAL before it releases the write lock, as the journal's writer does
        var synced = new List<string>();
        await using var writer = OpenWriter();
        var checkpointer = new WalCheckpointer(ConnectionString, _writeLock, RequestRows, RestartFrames, RecordTo(synced), walSyncedUnderLock: true);
        await WriteAsync(writer, 1_500);
        var before = WalPages();

        // Act
        await RestartThenWriteAsync(writer, checkpointer, synced, syncs: 2);

        // Assert
        Assert.Equal([Path.GetFullPath(DatabasePath), Path.GetFullPath(DatabasePath)], synced);
        Assert.True(WalPages() <= before, $"WAL grew from {before} to {WalPages()} pages");
        Assert.Equal(2_000L, Count(writer));
    }

    [Fact]
    public async Task Request_DatabaseSyncFails_WalNeverStartsOverAndNothingIsLost()
    {
        // Arrange: the database's fdatasync fails (a disk error), the WAL's does not; 1,500 rows in the WAL
        await using var writer = OpenWriter();
        var checkpointer = new WalCheckpointer(ConnectionString, _writeLock, RequestRows, RestartFrames, path => { if (!path.EndsWith("-wal", StringComparison.Ordinal)) { throw new IOException("EIO"); } });
        await WriteAsync(writer, 1_500);

        // Act: a checkpoint copies the whole WAL and fails to sync the database; another is asked for; 500 more rows
        checkpointer.Request();
        await UntilAsync(() => checkpointer.Failure is not null);
        var before = WalPages();
        checkpointer.Request();
        await WriteAsync(writer, 500);
        await checkpointer.DisposeAsync();

        // Assert: the WAL did not start over (its frames are the only sure copy), the new rows went after them
        Assert.IsType<IOException>(checkpointer.Failure);
        Assert.True(WalPages() >= before + 400, $"WAL went from {before} to {WalPages()} pages");
        Assert.Equal(2_000L, Count(writer));
    }

    [Fact]
    public async Task Request_WalSyncFails_NothingCopiedAndNothingIsLost()
    {
        // Arrange: the WAL's fdatasync fails, so its last frames may not be on disk; 1,500 rows in the WAL
        await using var writer = OpenWriter();
        var checkpointer = new WalCheckpointer(ConnectionString, _writeLock, RequestRows, RestartFrames, path => { if (path.EndsWith("-wal", StringComparison.Ordinal)) { throw new IOException("EIO"); } });
        await WriteAsync(writer, 1_500);
        var database = new FileInfo(DatabasePath).Length;

        // Act
        checkpointer.Request();
        await UntilAsync(() => checkpointer.Failure is not null);
        await checkpointer.DisposeAsync();

        // Assert: no page went into the database from frames that may not be on disk
        Assert.IsType<IOException>(checkpointer.Failure);
        Assert.Equal(database, new FileInfo(DatabasePath).Length);
        Assert.Equal(1_500L, Count(writer));
    }

    [Fact]
    public async Task Committed_ChangeCountWrapsPastInt32_StillAsksForACheckpoint()
    {
        // Arrange: SQLite's count of changed rows is 64-bit cut to 32, so a long-running writer sees it wrap
        await using var writer = OpenWriter();
        var checkpointer = new WalCheckpointer(ConnectionString, _writeLock, RequestRows, RestartFrames);
        checkpointer.Committed(int.MaxValue - 50);
        await UntilAsync(() => checkpointer.Checkpoints == 1);

        // Act: 20 rows, then 111 rows later (across the wrap)
        checkpointer.Committed(int.MaxValue - 30);
        checkpointer.Committed(int.MinValue + 60);
        await UntilAsync(() => checkpointer.Checkpoints == 2);
        await checkpointer.DisposeAsync();

        // Assert: one checkpoint for each step of 100 rows or more, none for the 20
        Assert.Equal(2L, checkpointer.Checkpoints);
    }

    private SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE line(id INTEGER PRIMARY KEY, body TEXT NOT NULL);";
        command.ExecuteNonQuery();
        WalCheckpointer.DisableAutomatic(connection);
        return connection;
    }

    /// <summary>One row of about a page per commit, each under the write lock, as the owners commit.</summary>
    private async Task WriteAsync(SqliteConnection writer, int rows)
    {
        var body = new string('z', 3_000);
        for (var i = 0; i < rows; i++)
        {
            await _writeLock.WaitAsync();
            try
            {
                using var command = writer.CreateCommand();
                command.CommandText = "INSERT INTO line(body) VALUES ($b)";
                command.Parameters.AddWithValue("$b", body);
                command.ExecuteNonQuery();
            }
            finally
            {
                _writeLock.Release();
            }
        }
    }

    /// <summary>A file sync that only records the path it was asked to sync.</summary>
    private static Action<string> RecordTo(List<string> synced) => path =>
    {
        lock (synced)
        {
            synced.Add(Path.GetFullPath(path));
        }
    };

    /// <summary>Asks for a checkpoint, waits for its restart's <paramref name="syncs"/> file syncs, writes 500 more rows and stops the checkpointer.</summary>
    private async Task RestartThenWriteAsync(SqliteConnection writer, WalCheckpointer checkpointer, List<string> synced, int syncs)
    {
        checkpointer.Request();
        await UntilAsync(() =>
        {
            lock (synced)
            {
                return synced.Count == syncs;
            }
        });
        await WriteAsync(writer, 500);
        await checkpointer.DisposeAsync();
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the checkpointer did not get there within 5 s");
    }

    private long WalPages() => new FileInfo(DatabasePath + "-wal").Length / 4096;

    private static long Count(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM line";
        return (long)command.ExecuteScalar()!;
    }
}

using Microsoft.Data.Sqlite;
using ProactiveReissue.Gateway.Storage;
using ProactiveReissue.Queue.Sqlite;

namespace ProactiveReissue.Tests.Gateway.Storage;

/// <summary>The writer's WAL is copied into the database by its own checkpointer, never inside a commit.</summary>
public sealed class SqliteWriterCheckpointTests : IAsyncLifetime
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS line(id INTEGER PRIMARY KEY, body TEXT NOT NULL);";

    /// <summary>The WAL restart length these tests use (the default, 16,000 pages, would take 64 MB per restart).</summary>
    private const int RestartFrames = 4_000;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pr-unit-writer-");

    private string DatabasePath => Path.Combine(_directory.FullName, "writer.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WriteAsync_ManyCommits_CheckpointerCopiesTheWalIntoTheDatabase()
    {
        // Arrange
        await using var writer = new SqliteWriter(DatabasePath, Schema);
        var body = new string('x', 900);

        // Act: 3,000 rows in 300 commits, about 750 pages
        for (var i = 0; i < 300; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => writer.WriteAsync((c, t) => Insert(c, body), CancellationToken.None)));
        }

        await WaitUntilAsync(() => new FileInfo(DatabasePath).Length > 2_000_000);

        // Assert: the rows reached the database file itself, through the writer's own checkpoints
        Assert.True(writer.Checkpoints > 0);
        Assert.True(new FileInfo(DatabasePath).Length > 2_000_000, $"database file is {new FileInfo(DatabasePath).Length} bytes");
        Assert.Equal(3_000L, Count(writer));
    }

    [Fact]
    public async Task WriteAsync_WriterNeverIdle_WalStartsOverInsteadOfGrowing()
    {
        // Arrange: a checkpointer that only ever runs beside commits never finds the WAL fully copied
        await using var writer = new SqliteWriter(DatabasePath, Schema, RestartFrames);
        var body = new string('y', 3_000);

        // Act: about 24,000 pages written back to back, eight writers at a time
        for (var i = 0; i < 1_500; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => writer.WriteAsync((c, t) => Insert(c, body), CancellationToken.None)));
        }

        // Assert: the WAL was restarted (under the write lock) rather than left to grow past a few restart lengths
        var walPages = new FileInfo(DatabasePath + "-wal").Length / 4096;
        Assert.True(walPages < 3 * RestartFrames, $"WAL holds {walPages} pages");
        Assert.Equal(12_000L, Count(writer));
    }

    private static int Insert(SqliteConnection connection, string body)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO line(body) VALUES ($b)";
        command.Parameters.AddWithValue("$b", body);
        return command.ExecuteNonQuery();
    }

    private static long Count(SqliteWriter writer)
    {
        using var connection = writer.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM line";
        return (long)command.ExecuteScalar()!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}

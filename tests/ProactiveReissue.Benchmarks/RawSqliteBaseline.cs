using System.Diagnostics;
using Microsoft.Data.Sqlite;
using ProactiveReissue.Queue;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// The floor the queue is held to: the same tables and indexes as <c>SqliteQueueStore</c> (every row into one segment
/// table, by the store's own INSERT), the same PRAGMAs (WAL, synchronous=FULL), one connection, one prepared INSERT,
/// 1,000 rows per transaction.
/// Nothing waits for anything: this is what SQLite and the disk can do at best.
/// </summary>
public static class RawSqliteBaseline
{
    /// <summary>The store's own schema and segment table, so the baseline is the same table by construction.</summary>
    public static readonly string Schema = ProactiveReissue.Queue.Sqlite.SqliteQueueStore.Schema + ";" + ProactiveReissue.Queue.Sqlite.SqliteQueueStore.SegmentSchema(Table);

    private const string Table = "outbox_seg_0";

    /// <summary>Rows per second, and the number of commits (fsyncs of the WAL) it took.</summary>
    public static (double PerSecond, int Commits) InsertRate(string path, IReadOnlyList<OutboundMessage> messages, int rowsPerTransaction = 1_000)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;" + Schema;
            pragma.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = ProactiveReissue.Queue.Sqlite.SqliteQueueStore.SegmentInsertSql(Table);
        var seq = insert.Parameters.Add("?1", SqliteType.Integer);
        var id = insert.Parameters.Add("?2", SqliteType.Text);
        var destination = insert.Parameters.Add("?3", SqliteType.Text);
        var key = insert.Parameters.Add("?4", SqliteType.Text);
        var contentType = insert.Parameters.Add("?5", SqliteType.Text);
        var payload = insert.Parameters.Add("?6", SqliteType.Blob);
        var now = insert.Parameters.Add("?7", SqliteType.Integer);
        var commits = 0;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < messages.Count; start += rowsPerTransaction)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            insert.Prepare();
            now.Value = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
            var end = Math.Min(messages.Count, start + rowsPerTransaction);
            for (var i = start; i < end; i++)
            {
                var message = messages[i];
                seq.Value = (long)i + 1;
                id.Value = message.MessageId;
                destination.Value = message.Destination;
                key.Value = message.OrderingKey;
                contentType.Value = message.ContentType;
                payload.Value = ProactiveReissue.Queue.Sqlite.SqliteQueueStore.BlobOf(message.Payload); // as the store binds it
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            commits++;
        }

        return (messages.Count / clock.Elapsed.TotalSeconds, commits);
    }

    /// <summary>Milliseconds per commit of one small row: what one fsync of the WAL costs on this disk now.</summary>
    public static double CommitMilliseconds(string path, int commits = 200)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE IF NOT EXISTS t(x INTEGER);";
        command.ExecuteNonQuery();
        command.CommandText = "INSERT INTO t(x) VALUES (1)";
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < commits; i++)
        {
            command.ExecuteNonQuery(); // autocommit: one transaction, one fsync each
        }

        return clock.Elapsed.TotalMilliseconds / commits;
    }
}

using System.Globalization;
using Microsoft.Data.Sqlite;
using ProactiveReissue.Gateway.Storage;
using ProactiveReissue.Queue.Sqlite;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Gateway.Journal;

/// <summary>
/// The journal in SQLite (WAL, each commit fdatasynced before it is acknowledged), written through <see cref="SqliteWriter"/>: concurrent
/// requests share one transaction and one fsync (group commit).
/// </summary>
public sealed class SqliteMessageJournal : IMessageJournal, IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS journal(
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          direction TEXT NOT NULL,
          hop TEXT NOT NULL,
          channel TEXT NOT NULL,
          message_id TEXT,
          correlation_id TEXT,
          session_id TEXT,
          service_id TEXT,
          sender TEXT,
          peer TEXT,
          at TEXT NOT NULL,
          at_ms INTEGER NOT NULL,
          outcome TEXT NOT NULL,
          fault_code TEXT,
          size INTEGER NOT NULL,
          body_sha256 TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_journal_message ON journal(message_id);
        CREATE INDEX IF NOT EXISTS ix_journal_correlation ON journal(correlation_id);
        CREATE INDEX IF NOT EXISTS ix_journal_session ON journal(session_id);
        DROP INDEX IF EXISTS ix_journal_at;
        """;

    /// <summary>
    /// How far before the replay window the seed keeps reading back: rows are appended in commit order with the time their
    /// exchange ended, so their times fall only slightly out of order (or more when the host clock is stepped back).
    /// </summary>
    private static readonly TimeSpan SeedSlack = TimeSpan.FromMinutes(10);

    private readonly SqliteWriter _writer;

    /// <summary>
    /// The INSERT, prepared once on the writer's connection and reused for every row (only the writer's
    /// single loop touches it): preparing the statement again per row cost more than executing it, and
    /// running it through SqliteCommand made a data reader and fifteen binders per row.
    /// </summary>
    private RawStatement? _insert;
    private SqliteConnection? _insertConnection;

    /// <param name="fileSync">Makes a file durable by its path (default: fdatasync; tests make it fail).</param>
    public SqliteMessageJournal(string path, Action<string>? fileSync = null)
    {
        _writer = new SqliteWriter(path, Schema, fileSync: fileSync);
    }

    /// <summary>What the journal file's syncs and checkpoints have done since it opened (for /metrics).</summary>
    public SqliteFileStats Stats => _writer.Stats;

    public Task AppendAsync(JournalEntry e, CancellationToken cancellationToken) =>
        _writer.WriteAsync((connection, transaction) => Insert(connection, e), cancellationToken);

    public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken) =>
        _writer.WriteAsync(
            (connection, transaction) =>
            {
                foreach (var e in entries)
                {
                    Insert(connection, e);
                }

                return entries.Count;
            },
            cancellationToken);

    /// <summary>Runs on the writer's connection, inside the group transaction the writer has begun on it.</summary>
    private int Insert(SqliteConnection connection, JournalEntry e)
    {
        var insert = Insert(connection);
        insert.Bind(1, e.Direction);
        insert.Bind(2, e.Hop);
        insert.Bind(3, e.Channel);
        insert.Bind(4, e.MessageId);
        insert.Bind(5, e.CorrelationId);
        insert.Bind(6, e.SessionId);
        insert.Bind(7, e.ServiceId);
        insert.Bind(8, e.Sender);
        insert.Bind(9, e.Peer);
        insert.Bind(10, LocalClock.Format(e.At));
        insert.Bind(11, e.At.ToUnixTimeMilliseconds());
        insert.Bind(12, e.Outcome);
        insert.Bind(13, e.FaultCode);
        insert.Bind(14, e.Size);
        insert.Bind(15, e.BodySha256);
        return insert.Execute();
    }

    private RawStatement Insert(SqliteConnection connection)
    {
        if (_insert is not null && ReferenceEquals(_insertConnection, connection))
        {
            return _insert;
        }

        _insert?.Dispose();
        _insert = new RawStatement(connection, """
            INSERT INTO journal(direction, hop, channel, message_id, correlation_id, session_id, service_id, sender, peer, at, at_ms, outcome, fault_code, size, body_sha256)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
            """);
        _insertConnection = connection;
        return _insert;
    }

    public async Task<IReadOnlyList<JournalEntry>> FindAsync(string? messageId, string? correlationId, string? sessionId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = _writer.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT direction, hop, channel, message_id, correlation_id, session_id, service_id, sender, peer, at, outcome, fault_code, size, body_sha256
            FROM journal
            WHERE ($m IS NOT NULL AND message_id = $m) OR ($c IS NOT NULL AND correlation_id = $c) OR ($s IS NOT NULL AND session_id = $s)
            ORDER BY id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$m", (object?)messageId ?? DBNull.Value);
        command.Parameters.AddWithValue("$c", (object?)correlationId ?? DBNull.Value);
        command.Parameters.AddWithValue("$s", (object?)sessionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<JournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new JournalEntry(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), Text(reader, 4), Text(reader, 5),
                Text(reader, 6), Text(reader, 7), Text(reader, 8), DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture),
                reader.GetString(10), Text(reader, 11), reader.GetInt64(12), reader.GetString(13)));
        }

        return result;
    }

    /// <summary>
    /// The client requests of the replay window, read backwards from the newest row (the journal is append-only) until the
    /// rows are older than the window by <see cref="SeedSlack"/>. No index on the time: an index on (hop, time) kept four
    /// pages hot that every group commit rewrote, for a query that runs once at start.
    /// </summary>
    public async Task<IReadOnlyList<(string Sender, string MessageId, DateTimeOffset At)>> RecentRequestsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = _writer.OpenConnection();
        await using var command = connection.CreateCommand();
        // Every row's time is read (the stop), the row's own columns only when it is a request the window keeps: the test
        // runs in SQLite, so rows of other hops cost no strings.
        command.CommandText = """
            SELECT at_ms, hop = $hop AND sender IS NOT NULL AND message_id IS NOT NULL AND (fault_code IS NULL OR fault_code <> 'SCE018'),
                   sender, message_id
            FROM journal ORDER BY id DESC
            """;
        command.Parameters.AddWithValue("$hop", JournalHops.ClientRequest);
        var sinceMs = since.ToUnixTimeMilliseconds();
        var stopMs = (since - SeedSlack).ToUnixTimeMilliseconds();
        var result = new List<(string, string, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var atMs = reader.GetInt64(0);
            if (atMs < stopMs)
            {
                break;
            }

            if (atMs >= sinceMs && reader.GetInt64(1) == 1)
            {
                result.Add((reader.GetString(2), reader.GetString(3), LocalClock.ToLocal(DateTimeOffset.FromUnixTimeMilliseconds(atMs))));
            }
        }

        result.Reverse(); // oldest first, as the window saw them
        return result;
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        if (_writer.Failure is { } failure)
        {
            throw new IOException($"a sync of the journal's files failed ({failure.Message}); the disk is not to be trusted", failure);
        }

        await using var connection = _writer.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM journal WHERE id < 0";
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        _insert?.Dispose();
    }

    private static string? Text(SqliteDataReader reader, int index) => reader.IsDBNull(index) ? null : reader.GetString(index);
}

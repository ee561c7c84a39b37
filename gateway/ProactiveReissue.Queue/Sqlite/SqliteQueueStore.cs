using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// The queue in an embedded SQLite file: WAL and group commit — enqueues, acks and retries that arrive
/// while a commit is in flight share the next transaction. Durability is pipelined (see
/// <see cref="SyncLoopAsync"/>): an enqueue completes only after the WAL holding its commit is fsynced,
/// the same guarantee as synchronous=FULL, but the next group is inserted while that fsync runs.
/// </summary>
public sealed partial class SqliteQueueStore : IQueueStore
{
    /// <summary>
    /// The queue's table and indexes (WAL); the benchmark's raw-insert baseline uses the same. Dead letters have a
    /// partial index of their own, so a live message's insert and delete touch the table and its messageId only, and
    /// the lease scan reads the table in rowid order. The order per key is kept in memory (<see cref="KeyHeads"/>).
    /// Files made before had <c>ix_outbox_dead</c> on (dead, seq) over every row and <c>ix_outbox_key</c> on
    /// (ordering_key, seq): both are dropped when the file is opened.
    /// </summary>
    public const string Schema = """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS outbox(
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          message_id TEXT NOT NULL UNIQUE,
          destination TEXT NOT NULL,
          ordering_key TEXT NOT NULL,
          content_type TEXT NOT NULL,
          payload BLOB NOT NULL,
          enqueued_ms INTEGER NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          not_before_ms INTEGER NOT NULL,
          lease_until_ms INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          dead INTEGER NOT NULL DEFAULT 0);
        DROP INDEX IF EXISTS ix_outbox_key;
        DROP INDEX IF EXISTS ix_outbox_dead;
        CREATE INDEX IF NOT EXISTS ix_outbox_dead_letters ON outbox(seq) WHERE dead = 1;
        """;

    private const string InsertSql = """
        INSERT INTO outbox(message_id, destination, ordering_key, content_type, payload, enqueued_ms, not_before_ms)
        VALUES ($id, $dest, $key, $ct, $payload, $now, $now) ON CONFLICT(message_id) DO NOTHING
        """;

    private const int MaxBatchMessages = 4096;
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly long _maxBacklog;
    private readonly Channel<IWrite> _writes = Channel.CreateUnbounded<IWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _writer;
    private readonly SqliteConnection _writeConnection;
    private readonly System.Collections.Concurrent.ConcurrentQueue<IWrite> _unsynced = new();
    private readonly SemaphoreSlim _unsyncedSignal = new(0);
    private volatile bool _writerDone;
    private readonly DataSync _wal;
    private readonly Task _syncer;
    private long _backlog;

    /// <param name="fileSync">Makes a file durable by its path (default: fdatasync through <see cref="DataSync"/>; tests make it fail).</param>
    public SqliteQueueStore(string path, TimeProvider time, long maxBacklog = long.MaxValue, Action<string>? fileSync = null)
    {
        _time = time;
        _maxBacklog = maxBacklog;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        _writeConnection = Open();
        Execute(_writeConnection, Schema);
        _backlog = CountBacklog();

        // The writer commits without an fsync; the sync loop fsyncs the WAL before anything is acknowledged.
        Execute(_writeConnection, "PRAGMA synchronous=NORMAL");
        _wal = DataSync.Wal(path, fileSync);
        _syncer = Task.Factory.StartNew(SyncLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        StartCheckpointer(fileSync); // last before the writer: nothing above can fail and leave its thread waiting
        _writer = Task.Run(WriteLoopAsync);
    }

    public async Task EnqueueAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        if (Interlocked.Add(ref _backlog, messages.Count) > _maxBacklog)
        {
            var backlog = Interlocked.Add(ref _backlog, -messages.Count);
            throw new QueueFullException(backlog, _maxBacklog);
        }

        var batch = new Batch(messages);
        if (!_writes.Writer.TryWrite(batch))
        {
            Interlocked.Add(ref _backlog, -messages.Count);
            throw new ObjectDisposedException(nameof(SqliteQueueStore));
        }

        try
        {
            await batch.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            throw new QueueUnavailableException($"The SQLite queue could not store the messages: {ex.Message}", ex);
        }
    }

    public Task RetryAsync(long sequence, DateTimeOffset notBefore, string error, CancellationToken cancellationToken, bool countAttempt = true) =>
        ExecuteAsync(
            new Mutation($"UPDATE outbox SET attempts = attempts + {(countAttempt ? 1 : 0)}, not_before_ms = $nb, last_error = $err WHERE seq = $seq AND dead = 0",
                [("$seq", sequence), ("$nb", notBefore.ToUnixTimeMilliseconds()), ("$err", error)])
            { Sequence = sequence, Change = LeaseChange.Retried, DueMs = notBefore.ToUnixTimeMilliseconds() },
            cancellationToken);

    public async Task DeadLetterAsync(long sequence, string reason, CancellationToken cancellationToken)
    {
        var dead = new Mutation("UPDATE outbox SET dead = 1, attempts = attempts + 1, last_error = $err WHERE seq = $seq AND dead = 0 RETURNING ordering_key", [("$seq", sequence), ("$err", reason)])
        {
            Sequence = sequence,
            Change = LeaseChange.Released,
        };
        if (await ExecuteAsync(dead, cancellationToken).ConfigureAwait(false) > 0)
        {
            Interlocked.Decrement(ref _backlog);
        }
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, message_id, destination, ordering_key, enqueued_ms, attempts, last_error FROM outbox WHERE dead = 1 ORDER BY seq LIMIT $max";
        command.Parameters.AddWithValue("$max", max);
        var result = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new DeadLetter(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.GetInt32(5), reader.IsDBNull(6) ? string.Empty : reader.GetString(6)));
        }

        return result;
    }

    public async Task<QueuedMessage?> GetAsync(long sequence, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TakeAckInbox();
            if (_acked.Contains(sequence))
            {
                return null; // delivered; its row is deleted with the next group of acks
            }
        }
        finally
        {
            _writeLock.Release();
        }

        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, message_id, destination, ordering_key, content_type, payload, enqueued_ms, attempts, last_error FROM outbox WHERE seq = $seq";
        command.Parameters.AddWithValue("$seq", sequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var message = new OutboundMessage(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), (byte[])reader.GetValue(5));
        return new QueuedMessage(reader.GetInt64(0), message, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)), reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8));
    }

    public async Task<bool> ReplayAsync(long sequence, CancellationToken cancellationToken)
    {
        var replay = new Mutation("UPDATE outbox SET dead = 0, attempts = 0, not_before_ms = $now, lease_until_ms = 0 WHERE seq = $seq AND dead = 1 RETURNING ordering_key",
            [("$seq", sequence), ("$now", _time.GetUtcNow().ToUnixTimeMilliseconds())]) { Sequence = sequence, Change = LeaseChange.Replayed };
        var replayed = await ExecuteAsync(replay, cancellationToken).ConfigureAwait(false) > 0;
        if (replayed)
        {
            Interlocked.Increment(ref _backlog);
        }

        return replayed;
    }

    /// <exception cref="QueueUnavailableException">A sync of the store's files has failed (of the WAL: nothing more is acknowledged).</exception>
    public Task<long> BacklogAsync(CancellationToken cancellationToken) =>
        (_syncFailure ?? _checkpointer?.Failure) is { } failure
            ? Task.FromException<long>(new QueueUnavailableException($"A sync of the SQLite queue's files failed ({failure.Message}); the disk is not to be trusted.", failure))
            : Task.FromResult(Interlocked.Read(ref _backlog));

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryWrite(new FlushAcks()); // the acked rows leave the file before it closes
        _writes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _syncer.ConfigureAwait(false);
        await StopCheckpointerAsync().ConfigureAwait(false);
        _scan?.Dispose();
        await _writeConnection.DisposeAsync().ConfigureAwait(false);
        _wal.Dispose();
        _writeLock.Dispose();
        _unsyncedSignal.Dispose();
    }
}

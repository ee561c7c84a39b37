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
    /// The queue's fixed tables (WAL). The messages to deliver are in segment tables (<see cref="SegmentSchema"/>, one per
    /// <see cref="DefaultSegmentRows"/> seqs), made as seqs are handed out and dropped whole once delivered. <c>outbox</c>
    /// holds the dead letters, with a partial index of their own; files made before the segments kept every message in it,
    /// and its undelivered ones move into segments when such a file is opened. <c>outbox_acks</c> logs the acks of rows still
    /// in a segment, as runs of seqs; <c>outbox_meta</c> keeps the next seq. Files made earlier still had
    /// <c>ix_outbox_dead</c> on (dead, seq) over every row and <c>ix_outbox_key</c> on (ordering_key, seq): both are dropped.
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
        CREATE TABLE IF NOT EXISTS outbox_acks(first INTEGER PRIMARY KEY, last INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS outbox_meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
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
    /// <param name="segmentRows">Seqs per segment table (tests make it small); a file keeps the value it was made with.</param>
    public SqliteQueueStore(string path, TimeProvider time, long maxBacklog = long.MaxValue, Action<string>? fileSync = null, int segmentRows = DefaultSegmentRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentRows, 64);
        _time = time;
        _maxBacklog = maxBacklog;
        _segmentRows = segmentRows;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        _writeConnection = Open();
        Execute(_writeConnection, Schema);
        _backlog = OpenSegments();

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
        ExecuteAsync(new Mutation(LeaseChange.Retried, sequence) { DueMs = notBefore.ToUnixTimeMilliseconds(), Error = error, CountAttempt = countAttempt }, cancellationToken);

    public async Task DeadLetterAsync(long sequence, string reason, CancellationToken cancellationToken)
    {
        if (await ExecuteAsync(new Mutation(LeaseChange.Released, sequence) { Error = reason }, cancellationToken).ConfigureAwait(false) > 0)
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
        string? table;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TakeAckInbox();
            var segment = SegmentOf(sequence);
            if (segment?.IsAcked(sequence) == true)
            {
                return null; // delivered; its row goes with its table
            }

            table = segment?.Table;
        }
        finally
        {
            _writeLock.Release();
        }

        // A dead letter is in outbox; an undelivered message in its segment, which the writer may drop meanwhile.
        await using var connection = Open();
        foreach (var from in table is null ? ["outbox"] : new[] { "outbox", table })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT seq, message_id, destination, ordering_key, content_type, payload, enqueued_ms, attempts, last_error FROM {from} WHERE seq = $seq";
            command.Parameters.AddWithValue("$seq", sequence);
            try
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var message = new OutboundMessage(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), (byte[])reader.GetValue(5));
                    return new QueuedMessage(reader.GetInt64(0), message, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)), reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8));
                }
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 1 && from == table)
            {
                return null; // SQLITE_ERROR "no such table": the segment was dropped, its messages delivered
            }
        }

        return null;
    }

    public async Task<bool> ReplayAsync(long sequence, CancellationToken cancellationToken)
    {
        var replay = new Mutation(LeaseChange.Replayed, sequence) { DueMs = _time.GetUtcNow().ToUnixTimeMilliseconds() };
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
        _writes.Writer.TryWrite(new FlushAcks { Closing = true }); // the acks are logged and the delivered tables dropped before it closes
        _writes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _syncer.ConfigureAwait(false);
        await StopCheckpointerAsync().ConfigureAwait(false);
        await _writeConnection.DisposeAsync().ConfigureAwait(false);
        _wal.Dispose();
        _writeLock.Dispose();
        _unsyncedSignal.Dispose();
    }
}

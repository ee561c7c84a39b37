using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using ProactiveReissue.Queue.Sqlite;

namespace ProactiveReissue.Gateway.Storage;

/// <summary>
/// One writer connection per SQLite file with group commit: the writes that queue up while a commit
/// runs go into the next transaction and share its sync of the WAL (fdatasync after a commit at synchronous=NORMAL:
/// the durability of synchronous=FULL). Each write's task
/// completes only after the commit that holds it. The WAL is copied into the database by a
/// <see cref="WalCheckpointer"/> on its own thread, never inside a commit.
/// </summary>
public sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxBatch = 1024;

    /// <summary>
    /// Rows changed between checkpoints: journal lines with their three indexes. With 1,000 (about 1,100 WAL pages) each
    /// copy held one of two cores for 6–15 ms, long enough for answers to queue behind it, and the WAL's restart still
    /// had pages left to copy under the writer's lock; with 250 it has none, and the p99 at half the peak rate was
    /// under 20 ms in more load runs (<c>docs/perf.md</c>, "Session 9").
    /// </summary>
    private const int CheckpointRows = 250;

    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly Task _loop;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly WalCheckpointer _checkpointer;
    private readonly DataSync _wal;
    private readonly SyncHistogram _syncTimes = new();

    /// <summary>Set once a sync of the WAL has failed: the page cache may have lost frames, so nothing more is acknowledged.</summary>
    private Exception? _syncFailure;

    /// <param name="walRestartFrames">WAL pages after which the WAL is made to start over (tests make it small).</param>
    /// <param name="fileSync">Makes a file durable by its path (default: fdatasync through <see cref="DataSync"/>; tests make it fail).</param>
    public SqliteWriter(string path, string schema, int walRestartFrames = WalCheckpointer.DefaultRestartFrames, Action<string>? fileSync = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        _connection = OpenConnection();
        using (var command = _connection.CreateCommand())
        {
            // Commits do not fsync: the loop fdatasyncs the WAL after each commit, before it completes the commit's
            // writes (DataSync), which skips the synchronous inode write a full fsync makes for the file's mtime.
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" + schema;
            command.ExecuteNonQuery();
        }

        _wal = DataSync.Wal(path, fileSync);
        WalCheckpointer.DisableAutomatic(_connection);
        _checkpointer = new WalCheckpointer(ConnectionString, _writeLock, CheckpointRows, walRestartFrames, fileSync, walSyncedUnderLock: true);
        _loop = Task.Run(LoopAsync);
    }

    public string ConnectionString { get; }

    /// <summary>Checkpoints run so far (diagnostics).</summary>
    public long Checkpoints => _checkpointer.Checkpoints;

    /// <summary>What the writer's syncs and checkpoints have done since it opened (for /metrics).</summary>
    public SqliteFileStats Stats => SqliteFileStats.Of(_syncTimes, _checkpointer, Failure is not null);

    /// <summary>
    /// The failed sync of the WAL (nothing more is written) or of a checkpoint (the WAL no longer starts over), if
    /// either has failed: the disk can no longer be trusted, and readiness says so.
    /// </summary>
    public Exception? Failure => Volatile.Read(ref _syncFailure) ?? _checkpointer.Failure;

    /// <summary>Runs the work inside the next group transaction; returns its result once committed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        var write = new Write<T>(work);
        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteWriter));
        }

        // The typed completion source is the task: no continuation (and no extra thread-pool hop) per write.
        return cancellationToken.CanBeCanceled ? write.Done.Task.WaitAsync(cancellationToken) : write.Done.Task;
    }

    /// <summary>A separate connection for reads (WAL lets them run beside the writer).</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";
        command.ExecuteNonQuery();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _checkpointer.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _wal.Dispose();
        _writeLock.Dispose();
    }

    private async Task LoopAsync()
    {
        var batch = new List<Write>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            await _writeLock.WaitAsync().ConfigureAwait(false);
            Exception? failure = null;
            try
            {
                using var transaction = _connection.BeginTransaction();
                foreach (var write in batch)
                {
                    write.Run(_connection, transaction);
                }

                if (_syncFailure is { } poisoned)
                {
                    throw new IOException("An earlier fdatasync of the WAL failed; nothing more is written.", poisoned);
                }

                transaction.Commit();
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    _wal.Sync();
                    _syncTimes.Observe(started);
                }
                catch (IOException ex)
                {
                    Volatile.Write(ref _syncFailure, ex);
                    throw;
                }
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
            {
                failure = ex;
            }
            finally
            {
                _writeLock.Release();
            }

            if (failure is null)
            {
                _checkpointer.Committed(_connection);
            }

            foreach (var write in batch)
            {
                if (failure is null)
                {
                    write.Complete();
                }
                else
                {
                    write.Fail(failure);
                }
            }

            batch.Clear();
        }
    }

    private abstract class Write
    {
        public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class Write<T>(Func<SqliteConnection, SqliteTransaction, T> work) : Write
    {
        private T _result = default!;

        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(SqliteConnection connection, SqliteTransaction transaction) => _result = work(connection, transaction);

        public override void Complete() => Done.TrySetResult(_result);

        public override void Fail(Exception error) => Done.TrySetException(error);
    }
}

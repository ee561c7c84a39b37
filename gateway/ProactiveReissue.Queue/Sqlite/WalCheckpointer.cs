using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// Checkpoints a WAL-mode file on a thread and a connection of its own, so that no commit waits for one.
/// SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL pages: on the writer's thread,
/// through two fsyncs (the WAL, then the database), while every write queued behind that commit waits. The
/// owner turns the automatic checkpoint off on its write connection (<see cref="DisableAutomatic"/>) and calls
/// <see cref="Committed(SqliteConnection)"/> after each commit, which asks for a checkpoint once enough rows have
/// changed; this thread copies the WAL into the database with a PASSIVE
/// checkpoint beside the writer, as SQLite allows any connection to, with SQLite's own syncs of the WAL before and
/// the database after.
/// <para>
/// A writer that keeps committing keeps the copy from ever being complete, so SQLite never starts the WAL over. Once
/// the WAL holds <see cref="RestartFrames"/> pages, the checkpoint runs once more holding the owner's write lock:
/// nothing commits meanwhile, the copy completes, and the next commit restarts the WAL. Every commit waits for that
/// lock, so it is kept short (<see cref="Restart"/>): a few more PASSIVE copies first, so that little is left; then,
/// under the lock, an fdatasync of the WAL (the frames to copy must be on disk first, as SQLite's own checkpoint makes
/// sure; the queue syncs its WAL outside the lock, so its last frames may not be), the copy without SQLite's syncs,
/// and an fdatasync of the database, which must be on disk before a new commit overwrites the frames it came from.
/// fdatasync instead of SQLite's fsync skips the synchronous write of each file's inode for its modification time.
/// </para>
/// </summary>
public sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>
    /// WAL pages (64 MB) after which the checkpoint also runs under the write lock, so that the WAL starts over. Each
    /// restart holds up every commit for the copy of what is left and two fdatasyncs (a few ms, more on a busy disk): at
    /// 4,000 pages the journal at its peak rate restarted about once a second.
    /// </summary>
    public const int DefaultRestartFrames = 16_000;

    /// <summary>PASSIVE copies made before taking the lock, while more than this many pages are left to copy.</summary>
    private const int LeftUnderLock = 256;

    private readonly string _connectionString;
    private readonly string _databasePath;
    private readonly Action<string> _fileSync;
    private readonly SemaphoreSlim _writeLock;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Task _thread;
    private int _requested;
    private volatile bool _stop;
    private long _checkpoints;
    private int _left;
    private readonly int _requestRows;

    /// <summary>SQLite's count of changed rows when a checkpoint was last asked for (owner's writer only).</summary>
    private int _changesAtRequest;
    private Exception? _failure;

    /// <summary>The reader kept open after a failed sync of the database, so that the WAL never starts over.</summary>
    private (SqliteConnection? Connection, SqliteTransaction? Read) _failedGuard;

    /// <param name="connectionString">The file's connection string; the checkpointer opens its own unpooled connection.</param>
    /// <param name="writeLock">Held by the owner around every commit; taken here only for the restarting checkpoint.</param>
    /// <param name="requestRows">Rows changed (inserted, updated, deleted) after which <see cref="Committed(int)"/> asks for a checkpoint.</param>
    /// <param name="restartFrames">WAL pages after which the WAL is made to start over (<see cref="DefaultRestartFrames"/>).</param>
    /// <param name="fileSync">Makes a file durable, by its path: the WAL before the restarting copy, the database after it (default: fdatasync through <see cref="DataSync"/>; tests make it fail).</param>
    public WalCheckpointer(string connectionString, SemaphoreSlim writeLock, int requestRows, int restartFrames = DefaultRestartFrames, Action<string>? fileSync = null)
    {
        _requestRows = requestRows;
        _fileSync = fileSync ?? SyncFile;
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        _connectionString = builder.ToString();
        _databasePath = builder.DataSource;
        _writeLock = writeLock;
        RestartFrames = restartFrames;
        _thread = Task.Factory.StartNew(Loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Checkpoints run so far (diagnostics).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>WAL pages after which the WAL is made to start over.</summary>
    public int RestartFrames { get; }

    /// <summary>
    /// Set if a sync around the restarting checkpoint failed; no restart is tried after it. If the copy had completed,
    /// the WAL is never started over either (a read transaction stays open on it), so nothing the database may have
    /// lost is overwritten; writes go on into the WAL, which the owner syncs.
    /// </summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>Turns SQLite's automatic checkpoint off on the owner's write connection.</summary>
    public static void DisableAutomatic(SqliteConnection writeConnection)
    {
        using var command = writeConnection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint=0";
        command.ExecuteNonQuery();
    }

    /// <summary>After a commit on the owner's write connection, by the thread that committed.</summary>
    public void Committed(SqliteConnection writeConnection) => Committed(raw.sqlite3_total_changes(writeConnection.Handle));

    /// <summary>
    /// After a commit, with SQLite's count of rows changed on the write connection: asks for a checkpoint once
    /// <c>requestRows</c> have changed since the last request. The count is SQLite's 64-bit one cut to 32 bits, so
    /// it wraps (after about 62 days of journal lines at 100 exchanges a second); the difference is taken with the
    /// same wrap, which stays right across it.
    /// </summary>
    public void Committed(int totalChanges)
    {
        if (unchecked(totalChanges - _changesAtRequest) >= _requestRows)
        {
            _changesAtRequest = totalChanges;
            Request();
        }
    }

    /// <summary>Asks for a checkpoint; a request made while one is pending or running is merged into it.</summary>
    public void Request()
    {
        if (Interlocked.Exchange(ref _requested, 1) == 0)
        {
            _signal.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop = true;
        _signal.Release();
        await _thread.ConfigureAwait(false);
        _signal.Dispose();
        _failedGuard.Read?.Dispose();
        _failedGuard.Connection?.Dispose();
    }

    private void Loop()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            // The file's mode is read on first use: until then a checkpoint does nothing.
            command.CommandText = "PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
        }

        while (true)
        {
            _signal.Wait();
            if (_stop)
            {
                return;
            }

            try
            {
                if (Checkpoint(connection) >= RestartFrames && _failure is null)
                {
                    Restart(connection);
                }
            }
            catch (SqliteException)
            {
                // Nothing is lost: what is not copied stays in the WAL for the next checkpoint (or the close).
            }

            Interlocked.Exchange(ref _requested, 0);
        }
    }

    /// <summary>
    /// Completes the copy under the owner's write lock, so that the next commit starts the WAL over. A reader opened
    /// before the copy keeps the WAL from starting over until the database is synced; if that sync fails, the reader
    /// stays open for the checkpointer's lifetime.
    /// </summary>
    private void Restart(SqliteConnection connection)
    {
        for (var i = 0; i < 4 && _left > LeftUnderLock; i++)
        {
            Checkpoint(connection);
        }

        // Opened (and its schema read) before the lock, so that the lock is held only for the copy and the sync.
        var guard = new SqliteConnection(_connectionString);
        SqliteTransaction? read = null;
        try
        {
            guard.Open();
            ReadSchema(guard, null);
        }
        catch
        {
            guard.Dispose();
            throw;
        }

        var (copied, synced) = (false, false);
        _writeLock.Wait();
        try
        {
            read = guard.BeginTransaction(deferred: true);
            ReadSchema(guard, read); // the read starts here: a snapshot of every committed frame, which the WAL keeps until it ends
            _fileSync(_databasePath + "-wal");
            Synchronous(connection, "OFF");
            try
            {
                Checkpoint(connection);
                copied = true;
            }
            finally
            {
                Synchronous(connection, "FULL");
            }

            _fileSync(_databasePath);
            synced = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Volatile.Write(ref _failure, ex);
        }
        finally
        {
            if (synced || !copied)
            {
                // Synced, or failed before the copy completed, which leaves the WAL as it was (the error goes on to the loop).
                read?.Dispose();
                guard.Dispose();
            }
            else
            {
                Volatile.Write(ref _failure, _failure ?? new IOException("The database was not synced after a checkpoint."));
                _failedGuard = (guard, read);
            }

            _writeLock.Release();
        }
    }

    private static void SyncFile(string path)
    {
        using var file = DataSync.File(path);
        file.Sync();
    }

    private static void ReadSchema(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_schema";
        command.ExecuteScalar();
    }

    private static void Synchronous(SqliteConnection connection, string level)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=" + level;
        command.ExecuteNonQuery();
    }

    /// <summary>A PASSIVE checkpoint; the number of pages in the WAL (copied or not).</summary>
    private int Checkpoint(SqliteConnection connection)
    {
        var rc = raw.sqlite3_wal_checkpoint_v2(connection.Handle, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out var logFrames, out var copied);
        if (rc is not raw.SQLITE_OK and not raw.SQLITE_BUSY)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }

        Interlocked.Increment(ref _checkpoints);
        _left = logFrames - copied;
        return logFrames;
    }
}

using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// Checkpoints a WAL-mode file on a thread and a connection of its own, so that no commit waits for one.
/// SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL pages: on the writer's thread,
/// through two fsyncs (the WAL, then the database), while every write queued behind that commit waits. The
/// owner turns the automatic checkpoint off on its write connection (<see cref="DisableAutomatic"/>) and calls
/// <see cref="Committed(SqliteConnection)"/> after each commit, which asks for a checkpoint once enough rows have
/// changed; this thread copies the WAL into the database with a PASSIVE checkpoint beside the writer, as SQLite
/// allows any connection to.
/// <para>
/// Every copy is made with SQLite's syncs off, between syncs of this class's own (<see cref="Copy"/>): SQLite's are
/// fsyncs, each of which also writes the file's inode for its modification time, a journal commit of the file system
/// that every other sync on the disk then waits behind (the owner's commits among them). Here: a reader is opened
/// first, on a snapshot of frames that are on disk; then an fdatasync of the WAL (skipped when the owner syncs it under
/// the write lock, see <c>walSyncedUnderLock</c>), the copy of that snapshot, and an fdatasync of the database. The
/// reader keeps the WAL from starting over (SQLite restarts it at a commit once every frame is copied and no reader
/// uses it) until the database is synced; if that sync fails, the reader stays open and no copy is made again.
/// </para>
/// <para>
/// A writer that keeps committing keeps the copy from ever being complete, so SQLite never starts the WAL over. Once
/// the WAL holds <see cref="RestartFrames"/> pages, the copy is made once more holding the owner's write lock:
/// nothing commits meanwhile, the copy completes, and the next commit restarts the WAL. Every commit waits for that
/// lock, so little is left for it to do (<see cref="Restart"/>).
/// </para>
/// </summary>
public sealed partial class WalCheckpointer : IAsyncDisposable
{
    /// <summary>
    /// WAL pages (64 MB) after which the checkpoint also runs under the write lock, so that the WAL starts over. Each
    /// restart holds up every commit for the copy of what is left and an fdatasync of the database (a few ms, more on a
    /// busy disk): at 4,000 pages the journal at its peak rate restarted about once a second.
    /// </summary>
    public const int DefaultRestartFrames = 16_000;

    private readonly string _connectionString;
    private readonly string _databasePath;
    private readonly Action<string> _fileSync;
    private readonly SemaphoreSlim _writeLock;
    private readonly bool _walSyncedUnderLock;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Task _thread;
    private int _requested;
    private volatile bool _stop;
    private long _checkpoints;
    private long _restarts;
    private long _restartHoldTicks;
    private int _left;
    private readonly int _requestRows;

    /// <summary>SQLite's count of changed rows when a checkpoint was last asked for (owner's writer only).</summary>
    private int _changesAtRequest;
    private Exception? _failure;

    /// <param name="connectionString">The file's connection string; the checkpointer opens its own unpooled connections.</param>
    /// <param name="writeLock">Held by the owner around every commit; taken here for the restarting copy (and, with
    /// <paramref name="walSyncedUnderLock"/>, for a moment before each copy).</param>
    /// <param name="requestRows">Rows changed (inserted, updated, deleted) after which <see cref="Committed(int)"/> asks for a checkpoint.</param>
    /// <param name="restartFrames">WAL pages after which the WAL is made to start over (<see cref="DefaultRestartFrames"/>).</param>
    /// <param name="fileSync">Makes a file durable, by its path: the WAL before a copy, the database after it (default: fdatasync through <see cref="DataSync"/>; tests make it fail).</param>
    /// <param name="walSyncedUnderLock">The owner syncs the WAL after each commit before it releases <paramref name="writeLock"/>
    /// (the journal's writer does; the queue syncs outside it): a reader opened under the lock sees only frames on disk,
    /// and the WAL needs no sync before a copy.</param>
    public WalCheckpointer(string connectionString, SemaphoreSlim writeLock, int requestRows, int restartFrames = DefaultRestartFrames, Action<string>? fileSync = null, bool walSyncedUnderLock = false)
    {
        _requestRows = requestRows;
        _fileSync = fileSync ?? SyncFile;
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        _connectionString = builder.ToString();
        _databasePath = builder.DataSource;
        _writeLock = writeLock;
        _walSyncedUnderLock = walSyncedUnderLock;
        RestartFrames = restartFrames;
        _thread = Task.Factory.StartNew(Loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Checkpoints run so far (diagnostics).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Copies made holding the owner's write lock so that the WAL starts over.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>The time the owner's write lock was held for those copies: every commit waited for it.</summary>
    public TimeSpan RestartHold => TimeSpan.FromTicks(Interlocked.Read(ref _restartHoldTicks));

    /// <summary>WAL pages after which the WAL is made to start over.</summary>
    public int RestartFrames { get; }

    /// <summary>
    /// Set if a sync around a copy failed; no copy is made after it. If the copy had been made, the WAL is never started
    /// over either (a read transaction stays open on it), so nothing the database may have lost is overwritten; writes
    /// go on into the WAL, which the owner syncs.
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
    }
}

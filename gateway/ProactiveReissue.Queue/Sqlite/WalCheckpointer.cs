using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// Checkpoints a WAL-mode file on a thread and a connection of its own, so that no commit waits for one.
/// SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL pages: on the writer's thread,
/// through two fsyncs (the WAL, then the database), while every write queued behind that commit waits. The
/// owner turns the automatic checkpoint off on its write connection (<see cref="DisableAutomatic"/>) and calls
/// <see cref="Request"/> when enough has changed; this thread copies the WAL into the database with a PASSIVE
/// checkpoint beside the writer, as SQLite allows any connection to. A writer that keeps committing keeps the
/// copy from ever being complete, so SQLite never starts the WAL over; once the WAL holds
/// <see cref="RestartFrames"/> pages the checkpoint runs once more holding the owner's write lock: nothing
/// commits meanwhile, the copy completes, and the next commit restarts the WAL. Durability is SQLite's,
/// unchanged: a checkpoint syncs the WAL before copying and the database after.
/// </summary>
public sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>WAL pages after which the checkpoint also runs under the write lock, so that the WAL starts over.</summary>
    public const int RestartFrames = 4_000;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Task _thread;
    private int _requested;
    private volatile bool _stop;
    private long _checkpoints;

    /// <param name="connectionString">The file's connection string; the checkpointer opens its own unpooled connection.</param>
    /// <param name="writeLock">Held by the owner around every commit; taken here only for the restarting checkpoint.</param>
    public WalCheckpointer(string connectionString, SemaphoreSlim writeLock)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _writeLock = writeLock;
        _thread = Task.Factory.StartNew(Loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Checkpoints run so far (diagnostics).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Turns SQLite's automatic checkpoint off on the owner's write connection.</summary>
    public static void DisableAutomatic(SqliteConnection writeConnection)
    {
        using var command = writeConnection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint=0";
        command.ExecuteNonQuery();
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
                if (Checkpoint(connection) >= RestartFrames)
                {
                    _writeLock.Wait();
                    try
                    {
                        Checkpoint(connection);
                    }
                    finally
                    {
                        _writeLock.Release();
                    }
                }
            }
            catch (SqliteException)
            {
                // Nothing is lost: what is not copied stays in the WAL for the next checkpoint (or the close).
            }

            Interlocked.Exchange(ref _requested, 0);
        }
    }

    /// <summary>A PASSIVE checkpoint; the number of pages in the WAL (copied or not).</summary>
    private int Checkpoint(SqliteConnection connection)
    {
        var rc = raw.sqlite3_wal_checkpoint_v2(connection.Handle, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out var logFrames, out _);
        if (rc is not raw.SQLITE_OK and not raw.SQLITE_BUSY)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }

        Interlocked.Increment(ref _checkpoints);
        return logFrames;
    }
}

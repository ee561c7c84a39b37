using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// Checkpoints on a thread and a connection of their own. SQLite's automatic checkpoint runs inside the commit
/// that crosses 1,000 WAL pages: on the writer's thread-pool thread, under the write lock, through two fsyncs
/// (the WAL, then the database), which on a loaded disk take 5–30 ms each. Meanwhile one of the two pool threads
/// is blocked and no ack, enqueue or lease gets the lock. Here the writer turns the automatic checkpoint off and
/// asks for one every <see cref="CheckpointRows"/> changed rows; this thread copies the WAL into the database
/// without the write lock (a PASSIVE checkpoint runs beside the writer, as SQLite allows any connection to), and
/// only when the WAL has grown past <see cref="RestartFrames"/> (the writer kept committing during every
/// checkpoint, so it never found the WAL fully copied and never started it over) checkpoints once more under
/// the lock: then nothing commits meanwhile, the copy is complete, and the next commit restarts the WAL.
/// Durability is SQLite's, unchanged: a checkpoint syncs the WAL before copying and the database after, and
/// SQLite restarts the WAL only once everything in it is in the synced database.
/// </summary>
public sealed partial class SqliteQueueStore
{
    /// <summary>Rows changed (inserted, deleted, updated) between checkpoints: about 1,000 WAL pages of 1 KB messages.</summary>
    private const int CheckpointRows = 2_000;

    /// <summary>WAL pages after which the checkpoint also runs under the write lock, so that the WAL starts over.</summary>
    private const int RestartFrames = 4_000;

    private readonly SemaphoreSlim _checkpointSignal = new(0);
    private Task? _checkpointer;
    private int _checkpointRequested;
    private volatile bool _checkpointerStop;

    /// <summary>Written by the writer only (under the write lock).</summary>
    private long _changedSinceCheckpoint;

    private long _checkpoints;

    private void StartCheckpointer()
    {
        Execute(_writeConnection, "PRAGMA wal_autocheckpoint=0");
        _checkpointer = Task.Factory.StartNew(CheckpointLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>After a commit, under the write lock: ask for a checkpoint once enough rows have changed.</summary>
    private void Changed(long rows)
    {
        _changedSinceCheckpoint += rows;
        if (_changedSinceCheckpoint >= CheckpointRows && Interlocked.Exchange(ref _checkpointRequested, 1) == 0)
        {
            _changedSinceCheckpoint = 0;
            _checkpointSignal.Release();
        }
    }

    private void CheckpointLoop()
    {
        var builder = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL;"); // the file's mode is read on first use: until then a checkpoint does nothing
        while (true)
        {
            _checkpointSignal.Wait();
            if (_checkpointerStop)
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

            Interlocked.Exchange(ref _checkpointRequested, 0);
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

        Interlocked.Increment(ref _checkpoints); // diagnostics
        return logFrames;
    }

    private async Task StopCheckpointerAsync()
    {
        if (_checkpointer is null)
        {
            return;
        }

        _checkpointerStop = true;
        _checkpointSignal.Release();
        await _checkpointer.ConfigureAwait(false);
        _checkpointSignal.Dispose();
    }
}

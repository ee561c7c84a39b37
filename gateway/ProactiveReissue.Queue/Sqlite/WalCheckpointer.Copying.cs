using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>The checkpointer's thread: each copy between its own syncs, and the copy under the lock that restarts the WAL.</summary>
public sealed partial class WalCheckpointer
{
    /// <summary>Copies made before taking the lock to restart the WAL, while more than <see cref="LeftUnderLock"/> pages are left.</summary>
    private const int CopiesBeforeLock = 8;

    /// <summary>Pages left for the copy under the lock: their copy and the database's fdatasync hold up every commit.</summary>
    private const int LeftUnderLock = 32;

    /// <summary>The reader kept open after the database's sync failed following a copy, so that the WAL never starts over.</summary>
    private SqliteTransaction? _heldRead;

    private void Loop()
    {
        using var connection = Open("PRAGMA synchronous=OFF"); // the syncs are this class's own (Copy)
        using var guard = Open(string.Empty);
        try
        {
            while (true)
            {
                _signal.Wait();
                if (_stop)
                {
                    return;
                }

                try
                {
                    if (_failure is null && Copy(connection, guard) >= RestartFrames)
                    {
                        Restart(connection, guard);
                    }
                }
                catch (SqliteException)
                {
                    // Nothing is lost: what is not copied stays in the WAL for the next checkpoint (or the close).
                }

                Interlocked.Exchange(ref _requested, 0);
            }
        }
        finally
        {
            // Should this connection be the file's last to close, SQLite checkpoints it then: with its own syncs.
            Execute(connection, "PRAGMA synchronous=FULL");
            _heldRead?.Dispose();
        }
    }

    /// <summary>
    /// Makes the WAL start over: a few more copies while much is left, then the last one holding the owner's write lock,
    /// so that it completes and the next commit finds every frame copied and the database synced.
    /// </summary>
    private void Restart(SqliteConnection connection, SqliteConnection guard)
    {
        for (var i = 0; i < CopiesBeforeLock && _left > LeftUnderLock && _failure is null; i++)
        {
            Copy(connection, guard);
        }

        if (_failure is not null)
        {
            return;
        }

        _writeLock.Wait();
        var held = Stopwatch.GetTimestamp();
        try
        {
            CopyAndSync(connection, BeginRead(guard));
        }
        finally
        {
            _writeLock.Release();
            Interlocked.Add(ref _restartHoldTicks, Stopwatch.GetElapsedTime(held).Ticks);
            Interlocked.Increment(ref _restarts);
        }
    }

    /// <summary>A copy beside the owner's commits; the number of pages in the WAL (copied or not), 0 if a sync failed.</summary>
    private int Copy(SqliteConnection connection, SqliteConnection guard)
    {
        if (!_walSyncedUnderLock)
        {
            return CopyAndSync(connection, BeginRead(guard));
        }

        SqliteTransaction read;
        _writeLock.Wait(); // a moment: no commit is then between its write and its sync
        try
        {
            read = BeginRead(guard);
        }
        finally
        {
            _writeLock.Release();
        }

        return CopyAndSync(connection, read);
    }

    /// <summary>
    /// With <paramref name="read"/> open on frames that are on disk (or are made so here, first): copies them and syncs
    /// the database, then ends the read. A failed sync of the database keeps the read open for good.
    /// </summary>
    private int CopyAndSync(SqliteConnection connection, SqliteTransaction read)
    {
        var copied = false;
        try
        {
            if (!_walSyncedUnderLock)
            {
                _fileSync(_databasePath + "-wal");
            }

            var frames = Checkpoint(connection);
            copied = true;
            _fileSync(_databasePath);
            read.Dispose();
            return frames;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Volatile.Write(ref _failure, ex);
            if (copied)
            {
                _heldRead = read; // pages in the database may not be on disk: their frames must stay
            }
            else
            {
                read.Dispose();
            }

            return 0;
        }
        catch
        {
            read.Dispose();
            throw;
        }
    }

    /// <summary>A read transaction on the guard connection, on a snapshot of every frame committed so far.</summary>
    private static SqliteTransaction BeginRead(SqliteConnection guard)
    {
        var read = guard.BeginTransaction(deferred: true);
        try
        {
            using var command = guard.CreateCommand();
            command.Transaction = read;
            command.CommandText = "SELECT count(*) FROM sqlite_schema"; // a deferred transaction reads from its first statement
            command.ExecuteScalar();
            return read;
        }
        catch
        {
            read.Dispose();
            throw;
        }
    }

    private SqliteConnection Open(string pragmas)
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // The file's mode is read on first use: until then a checkpoint does nothing.
        Execute(connection, "PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; " + pragmas);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void SyncFile(string path)
    {
        using var file = DataSync.File(path);
        file.Sync();
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

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// Checkpoints on a thread and a connection of their own (<see cref="WalCheckpointer"/>). SQLite's automatic
/// checkpoint would run inside the commit that crosses 1,000 WAL pages: on the writer's thread-pool thread, under
/// the write lock, through two fsyncs (the WAL, then the database), which on a loaded disk take 5–30 ms each, while
/// no ack, enqueue or lease gets the lock. Here the writer turns it off and asks for a checkpoint every
/// <see cref="CheckpointRows"/> changed rows; the checkpointer copies the WAL beside the writer and, once the WAL
/// has grown past <see cref="WalCheckpointer.RestartFrames"/>, once more under <see cref="_writeLock"/> so that the
/// WAL starts over.
/// </summary>
public sealed partial class SqliteQueueStore
{
    /// <summary>Rows changed (inserted, deleted, updated) between checkpoints: about 1,000 WAL pages of 1 KB messages.</summary>
    private const int CheckpointRows = 2_000;

    private WalCheckpointer? _checkpointer;

    /// <summary>Written by the writer only (under the write lock).</summary>
    private long _changedSinceCheckpoint;

    private void StartCheckpointer()
    {
        WalCheckpointer.DisableAutomatic(_writeConnection);
        _checkpointer = new WalCheckpointer(_connectionString, _writeLock, fileSync: _fileSync);
    }

    /// <summary>After a commit, under the write lock: ask for a checkpoint once enough rows have changed.</summary>
    private void Changed(long rows)
    {
        _changedSinceCheckpoint += rows;
        if (_changedSinceCheckpoint >= CheckpointRows)
        {
            _changedSinceCheckpoint = 0;
            _checkpointer?.Request();
        }
    }

    private async Task StopCheckpointerAsync()
    {
        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync().ConfigureAwait(false);
        }
    }
}

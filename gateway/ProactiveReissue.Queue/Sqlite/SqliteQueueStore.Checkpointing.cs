namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// Checkpoints on a thread and a connection of their own (<see cref="WalCheckpointer"/>). SQLite's automatic
/// checkpoint would run inside the commit that crosses 1,000 WAL pages: on the writer's thread-pool thread, under
/// the write lock, through two fsyncs (the WAL, then the database), which on a loaded disk take 5–30 ms each, while
/// no ack, enqueue or lease gets the lock. Here the writer turns it off and asks for a checkpoint every
/// <see cref="CheckpointRows"/> changed rows (<see cref="WalCheckpointer.Committed(Microsoft.Data.Sqlite.SqliteConnection)"/>); the checkpointer copies the WAL beside the writer and, once the WAL
/// has grown past <see cref="WalCheckpointer.RestartFrames"/>, once more under <see cref="_writeLock"/> so that the
/// WAL starts over.
/// </summary>
public sealed partial class SqliteQueueStore
{
    /// <summary>Rows changed (inserted, deleted, updated) between checkpoints: about 1,000 WAL pages of 1 KB messages.</summary>
    private const int CheckpointRows = 2_000;

    private WalCheckpointer? _checkpointer;

    /// <summary>What the store's syncs and checkpoints have done since it opened (for /metrics).</summary>
    public SqliteFileStats Stats => SqliteFileStats.Of(_syncTimes, _checkpointer, (_syncFailure ?? _checkpointer?.Failure) is not null);

    private void StartCheckpointer(Action<string>? fileSync)
    {
        WalCheckpointer.DisableAutomatic(_writeConnection);
        _checkpointer = new WalCheckpointer(_connectionString, _writeLock, CheckpointRows, fileSync: fileSync);
    }

    private async Task StopCheckpointerAsync()
    {
        if (_checkpointer is not null)
        {
            await _checkpointer.DisposeAsync().ConfigureAwait(false);
        }
    }
}

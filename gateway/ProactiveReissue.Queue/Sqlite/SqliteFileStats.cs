namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// What the writer and the checkpointer of one SQLite file have done since it was opened, for /metrics: the syncs of
/// the WAL that acknowledged commits (and the time they took: the disk's latency as every commit waits for it), the
/// copies of the WAL into the database, and the restarts of the WAL with the time every commit waited for them.
/// </summary>
/// <param name="WalSyncBuckets">The syncs per bucket of <see cref="SyncHistogram.Bounds"/> (not cumulative), the last one over every bound.</param>
public readonly record struct SqliteFileStats(long WalSyncs, TimeSpan WalSyncTime, long[] WalSyncBuckets, long Checkpoints, long WalRestarts, TimeSpan WalRestartHold, bool Failed)
{
    /// <summary>A file's figures from its owner's syncs and its checkpointer (none before it has started).</summary>
    public static SqliteFileStats Of(SyncHistogram syncs, WalCheckpointer? checkpointer, bool failed) => new(
        syncs.Count, syncs.Total, syncs.Buckets(),
        checkpointer?.Checkpoints ?? 0, checkpointer?.Restarts ?? 0, checkpointer?.RestartHold ?? TimeSpan.Zero, failed);
}

using System.Diagnostics;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// Pipelined durability. The writer commits each group at synchronous=NORMAL: SQLite writes the group's
/// WAL frames, commit frame last, and returns without an fsync, so the next group is inserted at once.
/// This loop fsyncs the -wal file and only then completes the writes that must be durable (enqueues,
/// retries, dead letters, replays) of every group committed before that fsync began. That is the fsync a
/// commit at synchronous=FULL makes, moved out of the write lock. It is sound because: the frames of a
/// commit are in the WAL file (page cache) when the commit returns; a checkpoint that moves frames into
/// the database syncs the WAL before and the database after, and a restarted WAL's header is synced
/// before new frames are written (SQLite does both at NORMAL); and SQLite deletes the WAL only when the
/// last connection closes, while the write connection stays open until this loop has ended.
/// </summary>
public sealed partial class SqliteQueueStore
{
    private volatile Exception? _syncFailure;
    private readonly SyncHistogram _syncTimes = new();

    /// <summary>
    /// On a thread of its own: it blocks in fdatasync, which on a thread-pool thread would take one of the few
    /// (two on two cores) away from the producers and the writer; and the writer wakes it without a pool hop.
    /// </summary>
    private void SyncLoop()
    {
        var waiting = new List<IWrite>();
        while (true)
        {
            _unsyncedSignal.Wait();
            while (_unsynced.TryDequeue(out var write))
            {
                waiting.Add(write);
            }

            if (waiting.Count == 0)
            {
                if (_writerDone && _unsynced.IsEmpty)
                {
                    return;
                }

                continue;
            }

            var failure = _syncFailure;
            if (failure is null)
            {
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    _wal.Sync();
                    _syncTimes.Observe(started);
                }
                catch (IOException ex)
                {
                    // After a failed fsync the kernel may have dropped the dirty pages: stop acknowledging anything.
                    failure = _syncFailure = ex;
                }
            }

            foreach (var write in waiting)
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

            waiting.Clear();
        }
    }
}

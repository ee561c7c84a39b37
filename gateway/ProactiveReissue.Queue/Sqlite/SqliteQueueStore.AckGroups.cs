namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// Acks are committed in large groups. An ack deletes a row of about 1.3 KB: SQLite rewrites the table leaf that
/// held it (and, as the front of the B-tree empties, the siblings it rebalances with) and the index leaves, and a
/// commit writes every page it changed to the WAL once. In a drain the answers bring acks a few dozen at a time,
/// so small commits wrote the same leaves again and again: 0.57 WAL frames per ack against 0.3 in groups of
/// several hundred. Each frame is two pwrites and 4 KB that the checkpoint reads, copies and fsyncs again.
/// <para>
/// So a group that holds only acks, fewer than <see cref="AckGroup"/>, first yields once to the thread pool, and
/// if more acks came meanwhile (they are flowing, as in a drain) it waits up to <see cref="AckWait"/> for more;
/// if none came (a caller awaiting one ack at a time) it is committed at once, as before. Any other write (an enqueue, retry, dead letter or replay:
/// someone waits for its fsync) ends the wait at once, so does a full group and so does closing the store.
/// No ack is reported before its commit (the <see cref="Ack"/> completes after it), so the rule is unchanged; an
/// ack only completes later, and an ack lost in a crash meanwhile means the message is delivered again under
/// the same messageId (at-least-once, as before). A key's next message becomes leasable at most
/// <see cref="AckWait"/> later.
/// </para>
/// </summary>
public sealed partial class SqliteQueueStore
{
    /// <summary>Acks after which an ack-only group is committed without waiting for more.</summary>
    private const int AckGroup = 1024;

    /// <summary>How long an ack-only group waits for more acks. Real time, not the injected clock: it paces the
    /// writer's I/O, and under a fake clock in tests the acks must still commit.</summary>
    private static readonly TimeSpan AckWait = TimeSpan.FromMilliseconds(10);

    /// <summary>Set while an ack-only group waits; completed by the write that ends the wait.</summary>
    private TaskCompletionSource? _ackWait;

    /// <summary>While an ack-only group waits: queued acks that would fill it.</summary>
    private volatile int _ackRoom;

    private volatile bool _closing;

    /// <summary>Publishes the writer's wait; the writer reads the channel once more afterwards, so no wake-up is lost.</summary>
    private Task PublishAckWait(int room)
    {
        var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ackRoom = room;
        Volatile.Write(ref _ackWait, wake);
        return Task.WhenAny(wake.Task, Task.Delay(AckWait, TimeProvider.System));
    }

    private void EndAckWait() => Volatile.Write(ref _ackWait, null);

    /// <summary>After a write that someone waits for (or on closing): the writer commits without waiting for more acks.</summary>
    private void WakeWriter() => Volatile.Read(ref _ackWait)?.TrySetResult();

    /// <summary>After an ack: wake the writer only once the queued acks fill its group.</summary>
    private void WakeWriterForAck()
    {
        if (Volatile.Read(ref _ackWait) is { } wake && _writes.Reader.Count >= _ackRoom)
        {
            wake.TrySetResult();
        }
    }
}

using System.Runtime.InteropServices;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// A messageId already queued is not queued again. Each segment table has a UNIQUE index on its messageIds, but a
/// messageId can be in another table, so the store keeps a 64-bit hash (<see cref="KeyHeads.HashOf"/>) of every messageId
/// queued — undelivered or dead — counted, in memory (about 28 bytes each). A hash not in it is certainly new; a hash in
/// it (a repeat, or two messageIds that hash alike) is checked against the tables. Read and written under the write lock.
/// </summary>
public sealed partial class SqliteQueueStore
{
    private readonly Dictionary<long, int> _ids = [];

    private void AddId(long id) => CollectionsMarshal.GetValueRefOrAddDefault(_ids, id, out _)++;

    private void RemoveId(long id)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_ids, id);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref count))
        {
            return;
        }

        if (--count == 0)
        {
            _ids.Remove(id);
            if (_ids.Count == 0 && _ids.Capacity > 4_096)
            {
                _ids.TrimExcess(); // a large backlog has drained: give its memory back
            }
        }
    }

    /// <summary>In the writer's transaction: true if <paramref name="messageId"/> is queued (undelivered in a segment, or a dead letter).</summary>
    private bool IsQueued(string messageId, long id)
    {
        if (!_ids.ContainsKey(id))
        {
            return false;
        }

        if (Scalar("SELECT 1 FROM outbox WHERE message_id = $id", messageId) is not null)
        {
            return true;
        }

        foreach (var segment in _segments)
        {
            if (Scalar($"SELECT seq FROM {segment.Table} WHERE message_id = $id", messageId) is long sequence && !segment.IsAcked(sequence))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// In the writer's transaction, before <paramref name="messageId"/> goes into <paramref name="segment"/> (an enqueue whose
    /// INSERT met the table's UNIQUE index, or a replay): deletes the row of the same messageId if it is acked (delivered,
    /// waiting for its table to be dropped). False if that row is undelivered: the messageId is queued already.
    /// </summary>
    private bool MakeRoomFor(Segment segment, string messageId)
    {
        if (Scalar($"SELECT seq FROM {segment.Table} WHERE message_id = $id", messageId) is not long twin)
        {
            return true;
        }

        if (!segment.IsAcked(twin))
        {
            return false;
        }

        Run($"DELETE FROM {segment.Table} WHERE seq = $seq", ("$seq", twin));
        return true;
    }

    private object? Scalar(string sql, string messageId) => RunScalar(sql, ("$id", messageId));
}

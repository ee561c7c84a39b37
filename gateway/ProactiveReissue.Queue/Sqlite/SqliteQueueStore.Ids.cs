using System.Runtime.InteropServices;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// A messageId already queued is not queued again. Each segment table has a UNIQUE index on its messageIds, but a
/// messageId can be in another table, so each segment keeps in memory a 64-bit hash (<see cref="KeyHeads.HashOf"/>) of
/// every messageId stored in it (<see cref="Segment.Ids"/>, about 20 bytes each, gone with the segment), and the store one
/// of every dead letter's, counted. A hash in none of them is certainly new; a hash found (a repeat, or two messageIds
/// that hash alike) is checked against that table. An ack changes none of them: a delivered message's hash stays until
/// its table is dropped, and the check finds its row acked. Read and written under the write lock.
/// </summary>
public sealed partial class SqliteQueueStore
{
    /// <summary>Hashes of the dead letters' messageIds (in <c>outbox</c>), counted.</summary>
    private readonly Dictionary<long, int> _deadIds = [];

    private void AddDeadId(long id) => CollectionsMarshal.GetValueRefOrAddDefault(_deadIds, id, out _)++;

    private void RemoveDeadId(long id)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_deadIds, id);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref count) && --count == 0)
        {
            _deadIds.Remove(id);
        }
    }

    /// <summary>In the writer's transaction: true if <paramref name="messageId"/> is queued (undelivered in a segment, or a dead letter).</summary>
    private bool IsQueued(string messageId, long id)
    {
        if (_deadIds.ContainsKey(id) && Scalar("SELECT 1 FROM outbox WHERE message_id = $id", messageId) is not null)
        {
            return true;
        }

        for (var i = _segments.Count - 1; i >= 0; i--)
        {
            var segment = _segments[i];
            if (segment.Ids.Contains(id) && Scalar($"SELECT seq FROM {segment.Table} WHERE message_id = $id", messageId) is long sequence && !segment.IsAcked(sequence))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// In the writer's transaction, when an INSERT into <paramref name="segment"/> met its UNIQUE index: deletes the row of
    /// the same messageId if it is acked (delivered, waiting for its table to be dropped). False if that row is undelivered.
    /// </summary>
    private bool DeleteAckedTwin(Segment segment, string messageId)
    {
        if (Scalar($"SELECT seq FROM {segment.Table} WHERE message_id = $id", messageId) is not long sequence || !segment.IsAcked(sequence))
        {
            return false;
        }

        Run($"DELETE FROM {segment.Table} WHERE seq = $seq", ("$seq", sequence));
        return true;
    }

    private object? Scalar(string sql, string messageId) => RunScalar(sql, ("$id", messageId));
}

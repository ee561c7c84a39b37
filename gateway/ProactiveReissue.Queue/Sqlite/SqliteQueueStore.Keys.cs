namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// The order per key, in memory (<see cref="KeyHeads"/>): every change to what waits is applied under
/// <see cref="_writeLock"/>, and only once the change is committed, so the lease scan sees the keys as the file has them.
/// </summary>
public sealed partial class SqliteQueueStore
{
    private readonly KeyHeads _keys = new();

    /// <summary>Messages the writer's current transaction has stored (key and messageId hashed): they join their keys and segments at its commit.</summary>
    private readonly List<(long Key, long Sequence, long Id, Segment Segment)> _stored = [];

    /// <summary>
    /// The highest seq the lease scans have passed since the store opened: every message stored before it opened, up to
    /// here, is in <see cref="_keys"/> (those stored since join at their commit). The messages already stored join their
    /// keys' order as the lease scans first pass them, not at open: reading every row's key would read every table (1.3 GB
    /// for a backlog of a million). That is enough because the scans read the segments in seq order from the start after
    /// an open, and always go on from where a scan stopped or start again from the start: a row is reached only after
    /// every row before it has joined its key, so no message is taken for its key's head while an older one is still to
    /// come. A message stored since the open joins at its commit, and a second join changes nothing.
    /// </summary>
    private long _loadedThrough;

    /// <summary>Keys with a message waiting (for tests and diagnostics; read under no lock, so a moment's figure).</summary>
    public int WaitingKeys => _keys.Count;

    /// <summary>After the commit: what the transaction stored waits behind its key's earlier messages.</summary>
    private void StoredCommitted()
    {
        foreach (var (key, sequence, _, segment) in _stored)
        {
            _keys.Add(key, sequence);
            segment.Live++;
        }

        _stored.Clear();
    }

    /// <summary>A message left the order (delivered or dead-lettered), <paramref name="orderingKey"/> read from its row.</summary>
    private void LeftOrder(string? orderingKey, long sequence)
    {
        if (orderingKey is not null)
        {
            _keys.Remove(KeyHeads.HashOf(orderingKey), sequence);
        }
    }

    /// <summary>A dead letter replayed: it waits in its key's order again, by its old seq.</summary>
    private void RejoinedOrder(string? orderingKey, long sequence)
    {
        if (orderingKey is not null)
        {
            _keys.Add(KeyHeads.HashOf(orderingKey), sequence);
        }
    }
}

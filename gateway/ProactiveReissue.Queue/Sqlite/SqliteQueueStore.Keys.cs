using SQLitePCL;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// The order per key, in memory (<see cref="KeyHeads"/>): every change to what waits is applied under
/// <see cref="_writeLock"/>, and only once the change is committed, so the lease scan sees the keys as the file has them.
/// </summary>
public sealed partial class SqliteQueueStore
{
    private readonly KeyHeads _keys = new();

    /// <summary>Messages the writer's current transaction has stored: their keys wait for its commit.</summary>
    private readonly List<(long Key, long Sequence)> _stored = [];

    /// <summary>Keys with a message waiting (for tests and diagnostics; read under no lock, so a moment's figure).</summary>
    public int WaitingKeys => _keys.Count;

    /// <summary>At open: every message still to deliver joins its key's order. The backlog.</summary>
    private long LoadKeyHeads()
    {
        using var waiting = new RawStatement(_writeConnection, "SELECT seq, ordering_key FROM outbox WHERE dead = 0 ORDER BY seq");
        var count = 0L;
        try
        {
            while (waiting.Step())
            {
                _keys.Add(KeyHeads.HashOf(waiting.Text(1)), waiting.Int64(0));
                count++;
            }
        }
        finally
        {
            waiting.Reset();
        }

        return count;
    }

    /// <summary>In the writer's transaction, after an INSERT that stored its row: the row's key joins the order at commit.</summary>
    private void Stored(string orderingKey) => _stored.Add((KeyHeads.HashOf(orderingKey), raw.sqlite3_last_insert_rowid(_writeConnection.Handle)));

    /// <summary>After the commit: what the transaction stored waits behind its key's earlier messages.</summary>
    private void StoredCommitted()
    {
        foreach (var (key, sequence) in _stored)
        {
            _keys.Add(key, sequence);
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

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// Acks of leased messages are recorded in memory and their rows deleted later, many at a time in seq order.
/// An ack has never needed an fsync of its own: lost in a crash, the message is delivered again under the same
/// messageId (at-least-once). Kept in memory it is lost in a crash of the process too, with the same outcome; in
/// exchange a delivered message costs a dictionary entry instead of a trip through the writer and a DELETE among
/// the HTTP work, when the row's pages have long gone cold.
/// <para>
/// An acked row still in the file is gone for every reader: the lease scan skips it, the head-of-key check does not
/// count it (its key's order has dropped it), <see cref="GetAsync"/> does not find it, a retry or dead letter does not
/// change it, and the backlog has already dropped it. The rows are deleted when <see cref="AckFlush"/> acks wait,
/// when a lease finds nothing to do, before any enqueue (so a messageId can be queued again once its message is
/// delivered, as when the row was deleted at once) and when the store closes.
/// </para>
/// Every field here is read and written under <see cref="_writeLock"/>.
/// </summary>
public sealed partial class SqliteQueueStore
{
    /// <summary>Acked rows after which the writer deletes them.</summary>
    private const int AckFlush = 1_024;

    /// <summary>Seqs acked and not yet deleted from the file.</summary>
    private readonly HashSet<long> _acked = [];

    private bool _ackFlushQueued;
    private RawStatement? _ackDelete;
    private RawStatement? _ackRangeDelete;

    /// <summary>The DELETE of a run of acked rows, prepared once for the writer's lifetime.</summary>
    private const string AckRangeSql = "DELETE FROM outbox WHERE seq BETWEEN $first AND $last AND dead = 0";

    /// <summary>Acks that found the write lock taken, for its holder or the next one (<see cref="TakeAckInbox"/>); guarded by itself.</summary>
    private readonly List<long> _ackInbox = [];

    public Task AckAsync(long sequence, CancellationToken cancellationToken)
    {
        bool free;
        try
        {
            free = _writeLock.Wait(0, CancellationToken.None); // never waits; the ack is recorded even when the caller is stopping
        }
        catch (ObjectDisposedException ex)
        {
            return Task.FromException(ex);
        }

        if (!free)
        {
            // A lease scan or a commit holds the lock: do not wait for it (an async wait costs a thread-pool hop per
            // message). Whoever takes the lock next records the ack before anything else, so no scan, lease, Get or
            // change misses it; the backlog drops now (and comes back if the ack turns out not to be for a lease).
            lock (_ackInbox)
            {
                _ackInbox.Add(sequence);
            }

            Interlocked.Decrement(ref _backlog);
            return Task.CompletedTask;
        }

        bool recorded;
        try
        {
            TakeAckInbox();
            recorded = RecordAck(sequence);
        }
        finally
        {
            _writeLock.Release();
        }

        if (recorded)
        {
            return Task.CompletedTask;
        }

        // Not leased here (acked twice, or not leased by this store): the writer deletes the row at once.
        var ack = new Ack(sequence);
        return _writes.Writer.TryWrite(ack) ? ack.Task : Task.FromException(new ObjectDisposedException(nameof(SqliteQueueStore)));
    }

    /// <summary>Under the write lock: records the acks that found it taken.</summary>
    private void TakeAckInbox()
    {
        long[] waiting;
        lock (_ackInbox)
        {
            if (_ackInbox.Count == 0)
            {
                return;
            }

            waiting = [.. _ackInbox];
            _ackInbox.Clear();
        }

        foreach (var sequence in waiting)
        {
            Interlocked.Increment(ref _backlog); // RecordAck takes it off again
            if (!RecordAck(sequence))
            {
                _writes.Writer.TryWrite(new Ack(sequence)); // not a lease: deleted in the file, as an ack always was
            }
        }
    }

    /// <summary>
    /// Under the write lock: an ack of a message leased here ends its lease and takes it off the backlog; a second ack
    /// of an acked message (delivered twice after its lease ran out) changes nothing. False if it was not leased.
    /// </summary>
    private bool RecordAck(long sequence)
    {
        if (_acked.Contains(sequence))
        {
            return true;
        }

        if (!_leases.Remove(sequence, out var lease))
        {
            return false;
        }

        _acked.Add(sequence);
        _keys.Remove(lease.Key, sequence);
        Interlocked.Decrement(ref _backlog);
        Released(sequence, 1);
        if (_acked.Count >= AckFlush && RequestAckFlush())
        {
            _writes.Writer.TryWrite(new FlushAcks());
        }

        return true;
    }

    /// <summary>Under the write lock: true if the caller is to send the writer a <see cref="FlushAcks"/> (none is on its way).</summary>
    private bool RequestAckFlush()
    {
        if (_ackFlushQueued || _acked.Count == 0)
        {
            return false;
        }

        _ackFlushQueued = true;
        return true;
    }

    /// <summary>In the writer's transaction: deletes every acked row, in seq order. The seqs, to forget once committed (null: none).</summary>
    private long[]? DeleteAcked()
    {
        _ackFlushQueued = false;
        if (_acked.Count == 0)
        {
            return null;
        }

        var sequences = new long[_acked.Count];
        _acked.CopyTo(sequences);
        Array.Sort(sequences);
        _ackRangeDelete ??= new RawStatement(_writeConnection, AckRangeSql);
        for (var first = 0; first < sequences.Length;)
        {
            // A run of consecutive seqs, all acked: no other row can lie between them, so one statement deletes the run.
            var last = first;
            while (last + 1 < sequences.Length && sequences[last + 1] == sequences[last] + 1)
            {
                last++;
            }

            _ackRangeDelete.Bind(1, sequences[first]);
            _ackRangeDelete.Bind(2, sequences[last]);
            _ackRangeDelete.Execute();
            first = last + 1;
        }

        return sequences;
    }

    /// <summary>After the commit of <see cref="DeleteAcked"/>: the rows are gone from the file too.</summary>
    private void AckedDeleted(long[]? sequences)
    {
        foreach (var sequence in sequences ?? [])
        {
            _acked.Remove(sequence);
        }
    }

    /// <summary>Asks the writer to delete the acked rows now.</summary>
    private sealed class FlushAcks : IWrite
    {
        public bool NeedsSync => false;

        public void Complete()
        {
        }

        public void Fail(Exception exception)
        {
        }
    }
}

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// Acks of leased messages are recorded in memory: the segment marks the seq acked (<see cref="Segment.MarkAcked"/>) and
/// the message leaves its key's order and the backlog at once. The row stays in its segment table until the whole table is
/// dropped. Every <see cref="AckFlush"/> acks (and when a lease finds nothing to do, and when the store closes) the writer
/// logs the acks not yet logged in <c>outbox_acks</c>, as runs of consecutive seqs, and drops the tables with nothing left
/// to deliver. An ack has never needed an fsync of its own: lost in a crash, the message is delivered again under the
/// same messageId (at-least-once), and a crash loses at most the acks since the last log.
/// <para>
/// An acked row still in the file is gone for every reader: the lease scan skips it, <see cref="GetAsync"/> does not find
/// it, a retry or dead letter does not change it, and the backlog has already dropped it.
/// </para>
/// Every field here is read and written under <see cref="_writeLock"/>.
/// </summary>
public sealed partial class SqliteQueueStore
{
    /// <summary>Acks after which the writer logs them.</summary>
    private const int AckFlush = 1_024;

    /// <summary>Seqs acked and not yet logged in the file.</summary>
    private readonly List<long> _unlogged = [];

    private bool _ackFlushQueued;

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
        var segment = SegmentOf(sequence);
        if (segment?.IsAcked(sequence) == true)
        {
            return true;
        }

        if (segment is null || !_leases.Remove(sequence, out var lease))
        {
            return false;
        }

        segment.MarkAcked(sequence);
        segment.Live--;
        _unlogged.Add(sequence);
        _keys.Remove(lease.Key, sequence);
        RemoveId(lease.Id);
        Interlocked.Decrement(ref _backlog);
        Released(sequence, 1);
        if (_unlogged.Count >= AckFlush && RequestAckFlush())
        {
            _writes.Writer.TryWrite(new FlushAcks());
        }

        return true;
    }

    /// <summary>Under the write lock: true if the caller is to send the writer a <see cref="FlushAcks"/> (there is work and none is on its way).</summary>
    private bool RequestAckFlush()
    {
        if (_ackFlushQueued || (_unlogged.Count == 0 && !_segments.Exists(s => IsFinished(s, closing: false))))
        {
            return false;
        }

        _ackFlushQueued = true;
        return true;
    }

    /// <summary>
    /// In the writer's transaction: logs the acks not yet logged, as runs of consecutive seqs within one segment (a drain
    /// acks mostly in seq order, so a run covers many acks). The count logged, to forget once committed.
    /// </summary>
    private int LogAcks()
    {
        _ackFlushQueued = false;
        if (_unlogged.Count == 0)
        {
            return 0;
        }

        _unlogged.Sort();
        _ackLog ??= new RawStatement(_writeConnection, "INSERT INTO outbox_acks(first, last) VALUES (?1, ?2)");
        for (var first = 0; first < _unlogged.Count;)
        {
            var last = first;
            while (last + 1 < _unlogged.Count && _unlogged[last + 1] == _unlogged[last] + 1 && _unlogged[last + 1] % _segmentRows != 0)
            {
                last++;
            }

            _ackLog.Bind(1, _unlogged[first]);
            _ackLog.Bind(2, _unlogged[last]);
            _ackLog.Execute();
            first = last + 1;
        }

        return _unlogged.Count;
    }

    /// <summary>After the commit of <see cref="LogAcks"/>: those acks are in the file.</summary>
    private void AcksLogged(int count) => _unlogged.RemoveRange(0, count);

    private RawStatement? _ackLog;

    /// <summary>Asks the writer to log the acks and drop the finished segments now (<see cref="Closing"/>: every one with nothing left, the store is closing).</summary>
    private sealed class FlushAcks : IWrite
    {
        public bool Closing { get; init; }

        public bool NeedsSync => false;

        public void Complete()
        {
        }

        public void Fail(Exception exception)
        {
        }
    }
}

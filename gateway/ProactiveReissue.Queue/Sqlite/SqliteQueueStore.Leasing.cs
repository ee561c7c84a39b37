namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// Leases live in memory: the store is embedded in one process (the <c>queue --db</c> command opens the
/// file only while the gateway is stopped), so a lease is a read of the file plus an entry in
/// <see cref="_leases"/> — no UPDATE rewriting each 1 KB row, no commit. A crash loses the leases, which
/// only makes every undelivered message due at once (at-least-once, the messageId is the idempotency key).
/// <para>
/// A lease usually reads only the tail: rows above <see cref="_scanned"/>, which no lease has passed, in
/// seq order. Rows below it become leasable again only through events the store sees, and each one asks
/// for a full pass from the start: a key's next message once its head is acked or dead-lettered (only
/// if a scan passed a message waiting behind its head), a retry or a row that was not due when passed
/// (at its due time), a lease running out (at its expiry), a replay (at once).
/// </para>
/// Every field here is read and written under <see cref="_writeLock"/>, as the writer's commits are: a
/// scan never sees a row whose ack is committed but whose lease is still listed, or the other way round.
/// </summary>
public sealed partial class SqliteQueueStore
{
    /// <summary>The lease scan of a segment: rows in seq order; whether each is its key's head is <see cref="_keys"/>'s answer.</summary>
    public static string ScanSql(string table) => $"""
        SELECT seq, not_before_ms, ordering_key, message_id, destination, content_type, payload, enqueued_ms, attempts, last_error
        FROM {table}
        WHERE seq > ?1
        ORDER BY seq
        """;

    /// <summary>seq → lease, for messages leased and not yet acked, retried or dead-lettered.</summary>
    private readonly Dictionary<long, Lease> _leases = [];

    /// <summary>The last destination and content type a scan read: most messages share them, so they share the strings too.</summary>
    private string? _lastDestination;
    private byte[]? _lastDestinationUtf8;
    private string? _lastContentType;
    private byte[]? _lastContentTypeUtf8;

    /// <summary>The highest seq any scan has passed; every row above it is new to the leases.</summary>
    private long _scanned;

    /// <summary>When a full pass is next needed (Unix ms): the earliest due time or lease expiry passed below <see cref="_scanned"/>.</summary>
    private long _passDueMs;

    /// <summary>A scan passed a message waiting behind its key's head: an ack may make it the head.</summary>
    private bool _blockedSeen;

    /// <summary>Where the full pass in progress continues (-1: none in progress), and what it has seen so far.</summary>
    private long _passFrom = -1;
    private bool _passBlocked;
    private long _passNextDue = long.MaxValue;

    public async Task<IReadOnlyList<QueuedMessage>> LeaseAsync(string consumer, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + (long)lease.TotalMilliseconds;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TakeAckInbox();
            if (_passFrom < 0 && _passDueMs <= now)
            {
                (_passFrom, _passBlocked, _passNextDue) = (0, false, long.MaxValue);
            }

            var inPass = _passFrom >= 0;
            var result = new List<QueuedMessage>();
            var seen = new Seen();
            var position = inPass ? _passFrom : _scanned;
            var end = Scan(ref position, max, now, until, result, ref seen);

            var scannedBefore = _scanned;
            _scanned = Math.Max(_scanned, position);
            if (result.Count > 0)
            {
                seen.NextDue = Math.Min(seen.NextDue, until);
            }

            if (!inPass)
            {
                _blockedSeen |= seen.Blocked;
                _passDueMs = Math.Min(_passDueMs, seen.NextDue);
            }
            else if (end || position >= scannedBefore)
            {
                // The pass has looked at every row: only what it found (and later events) call for the next one.
                _blockedSeen = _passBlocked || seen.Blocked;
                _passDueMs = Math.Min(Math.Min(_passNextDue, seen.NextDue), EarliestLeaseExpiry());
                _passFrom = -1;
            }
            else
            {
                (_passFrom, _passBlocked, _passNextDue) = (position, _passBlocked || seen.Blocked, Math.Min(_passNextDue, seen.NextDue));
            }

            if (result.Count == 0 && RequestAckFlush())
            {
                _writes.Writer.TryWrite(new FlushAcks()); // nothing to do: a good time to log the acks and drop finished tables
            }

            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Reads rows after <paramref name="position"/> in seq order, segment after segment, leasing what it may until
    /// <paramref name="result"/> holds <paramref name="max"/>; moves <paramref name="position"/> to the last row looked
    /// at. True if it has looked at every row (new rows get larger seqs).
    /// </summary>
    private bool Scan(ref long position, int max, long now, long until, List<QueuedMessage> result, ref Seen seen)
    {
        foreach (var segment in _segments)
        {
            if (segment.Last <= position)
            {
                continue;
            }

            // The run of acked rows the segment starts with is not read again (a full pass starts at 0).
            position = Math.Max(position, segment.AckedThrough);
            var scan = segment.Scan ??= new RawStatement(_writeConnection, ScanSql(segment.Table));
            scan.Bind(1, position);
            try
            {
                while (result.Count < max && scan.Step())
                {
                    position = scan.Int64(0);
                    Consider(scan, segment, position, now, until, result, ref seen);
                }

                if (result.Count >= max)
                {
                    return false;
                }
            }
            finally
            {
                scan.Reset();
            }
        }

        return true;
    }

    /// <summary>One row the scan read: leased into <paramref name="result"/> if it is due, not leased and its key's head.</summary>
    private void Consider(RawStatement scan, Segment segment, long sequence, long now, long until, List<QueuedMessage> result, ref Seen seen)
    {
        if (segment.IsAcked(sequence))
        {
            return; // delivered, its table not yet dropped
        }

        string? orderingKey = null;
        var key = 0L;
        if (sequence > _loadedThrough)
        {
            // Stored before the store opened and not passed yet: it joins its key's order now (see _loadedThrough).
            orderingKey = scan.Text(2);
            key = KeyHeads.HashOf(orderingKey);
            _keys.Add(key, sequence);
            _loadedThrough = sequence;
        }

        if (_leases.TryGetValue(sequence, out var leased) && leased.Until > now)
        {
            return;
        }

        var notBefore = scan.Int64(1);
        if (notBefore > now)
        {
            seen.NextDue = Math.Min(seen.NextDue, notBefore);
            return;
        }

        if (orderingKey is null)
        {
            orderingKey = scan.Text(2);
            key = KeyHeads.HashOf(orderingKey);
        }

        if (!_keys.IsHead(key, sequence))
        {
            seen.Blocked = true; // waits behind its key's head
            return;
        }

        var messageId = scan.Text(3);
        _leases[sequence] = new Lease(until, key, KeyHeads.HashOf(messageId));
        var message = new OutboundMessage(messageId, scan.Text(4, ref _lastDestination, ref _lastDestinationUtf8), orderingKey,
            scan.Text(5, ref _lastContentType, ref _lastContentTypeUtf8), scan.Blob(6));
        result.Add(new QueuedMessage(sequence, message, DateTimeOffset.FromUnixTimeMilliseconds(scan.Int64(7)), (int)scan.Int64(8), scan.IsNull(9) ? null : scan.Text(9)));
    }

    private long EarliestLeaseExpiry()
    {
        var earliest = long.MaxValue;
        foreach (var lease in _leases.Values)
        {
            earliest = Math.Min(earliest, lease.Until);
        }

        return earliest;
    }

    /// <summary>After the writer committed an ack, retry, dead letter or replay (under the write lock).</summary>
    private void LeaseChanged(Mutation mutation)
    {
        switch (mutation.Change)
        {
            case LeaseChange.Released:
                LeftOrder(mutation.OrderingKey, mutation.Sequence);
                Released(mutation.Sequence, mutation.Changed);
                break;
            case LeaseChange.Retried:
                _leases.Remove(mutation.Sequence);
                _passDueMs = Math.Min(_passDueMs, mutation.DueMs);
                _passNextDue = Math.Min(_passNextDue, mutation.DueMs);
                break;
            case LeaseChange.Replayed when mutation.Changed > 0:
                RejoinedOrder(mutation.OrderingKey, mutation.Sequence);
                RestartPass();
                break;
        }
    }

    /// <summary>An ack or dead letter committed: the lease ends, and the key's next message may now be its head.</summary>
    private void Released(long sequence, int changed)
    {
        _leases.Remove(sequence);
        if (changed > 0 && (_blockedSeen || _passBlocked))
        {
            RestartPass();
        }
    }

    private void RestartPass() => (_passFrom, _passDueMs) = (-1, long.MinValue);

    /// <summary>When a lease runs out (Unix ms), and its message's key and messageId (<see cref="KeyHeads.HashOf"/>), which its ack takes out of the order and the queued ids.</summary>
    private readonly record struct Lease(long Until, long Key, long Id);

    private struct Seen
    {
        public bool Blocked;
        public long NextDue;

        public Seen() => NextDue = long.MaxValue;
    }

    private enum LeaseChange
    {
        None,
        Released,
        Retried,
        Replayed,
    }
}

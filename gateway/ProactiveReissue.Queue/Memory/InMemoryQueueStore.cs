namespace ProactiveReissue.Queue.Memory;

/// <summary>
/// The queue in memory: same contract as the durable stores, nothing survives the process. For tests
/// and for a gateway that is told it may lose its outbound messages.
/// </summary>
public sealed class InMemoryQueueStore(TimeProvider time, long maxBacklog = long.MaxValue) : IQueueStore
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, Entry> _pending = [];
    private readonly SortedDictionary<long, Entry> _dead = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private long _sequence;

    public Task EnqueueAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var fresh = messages.Where(m => !_ids.Contains(m.MessageId)).DistinctBy(m => m.MessageId).ToList();
            if (_pending.Count + fresh.Count > maxBacklog)
            {
                throw new QueueFullException(_pending.Count, maxBacklog);
            }

            var now = time.GetUtcNow();
            foreach (var message in fresh)
            {
                var sequence = ++_sequence;
                _ids.Add(message.MessageId);
                _pending[sequence] = new Entry(sequence, message with { Payload = message.Payload.ToArray() }, now) { NotBefore = now };
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QueuedMessage>> LeaseAsync(string consumer, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var blockedKeys = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<QueuedMessage>();
            foreach (var entry in _pending.Values)
            {
                if (result.Count >= max)
                {
                    break;
                }

                if (!blockedKeys.Add(entry.Message.OrderingKey))
                {
                    continue;
                }

                if (entry.NotBefore <= now && entry.LeaseUntil <= now)
                {
                    entry.LeaseUntil = now + lease;
                    result.Add(new QueuedMessage(entry.Sequence, entry.Message, entry.EnqueuedAt, entry.Attempts, entry.LastError));
                }
            }

            return Task.FromResult<IReadOnlyList<QueuedMessage>>(result);
        }
    }

    public Task AckAsync(long sequence, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _pending.Remove(sequence);
        }

        return Task.CompletedTask;
    }

    public Task RetryAsync(long sequence, DateTimeOffset notBefore, string error, CancellationToken cancellationToken, bool countAttempt = true)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(sequence, out var entry))
            {
                entry.Attempts += countAttempt ? 1 : 0;
                entry.NotBefore = notBefore;
                entry.LeaseUntil = DateTimeOffset.MinValue;
                entry.LastError = error;
            }
        }

        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(long sequence, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_pending.Remove(sequence, out var entry))
            {
                entry.LastError = reason;
                entry.Attempts++;
                _dead[sequence] = entry;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DeadLetter>>(_dead.Values.Take(max)
                .Select(e => new DeadLetter(e.Sequence, e.Message.MessageId, e.Message.Destination, e.Message.OrderingKey, e.EnqueuedAt, e.Attempts, e.LastError ?? string.Empty))
                .ToList());
        }
    }

    public Task<QueuedMessage?> GetAsync(long sequence, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var entry = _pending.GetValueOrDefault(sequence) ?? _dead.GetValueOrDefault(sequence);
            return Task.FromResult(entry is null ? null : new QueuedMessage(entry.Sequence, entry.Message, entry.EnqueuedAt, entry.Attempts, entry.LastError));
        }
    }

    public Task<bool> ReplayAsync(long sequence, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_dead.Remove(sequence, out var entry))
            {
                return Task.FromResult(false);
            }

            entry.Attempts = 0;
            entry.NotBefore = time.GetUtcNow();
            entry.LeaseUntil = DateTimeOffset.MinValue;
            _pending[sequence] = entry;
            return Task.FromResult(true);
        }
    }

    public Task<long> BacklogAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_pending.Count);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Entry(long sequence, OutboundMessage message, DateTimeOffset enqueuedAt)
    {
        public long Sequence { get; } = sequence;

        public OutboundMessage Message { get; } = message;

        public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

        public int Attempts { get; set; }

        public DateTimeOffset NotBefore { get; set; }

        public DateTimeOffset LeaseUntil { get; set; } = DateTimeOffset.MinValue;

        public string? LastError { get; set; }
    }
}

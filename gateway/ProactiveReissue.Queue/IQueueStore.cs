namespace ProactiveReissue.Queue;

/// <summary>
/// Durable storage of the outbound queue. The contract (tests/…/Queue/QueueStoreContract.cs) is run
/// against every implementation: in-memory, SQLite, and later Redis Streams (consumer groups map to
/// <see cref="LeaseAsync"/>, pending-entry claiming to lease expiry, XACK to <see cref="AckAsync"/>).
/// </summary>
public interface IQueueStore : IAsyncDisposable
{
    /// <summary>Completes only once every message is durable. A messageId already queued is ignored (idempotent).</summary>
    /// <exception cref="QueueFullException">The backlog bound would be exceeded; nothing was stored.</exception>
    /// <exception cref="QueueUnavailableException">The store failed; nothing was acknowledged.</exception>
    Task EnqueueAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> messages that are due, each the oldest undelivered message
    /// of its ordering key. A lease that is not acked, retried or dead-lettered before it expires makes
    /// the message visible again (a crashed worker loses nothing).
    /// </summary>
    Task<IReadOnlyList<QueuedMessage>> LeaseAsync(string consumer, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Delivered: the message leaves the queue.</summary>
    Task AckAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>Not delivered this time: try again at <paramref name="notBefore"/>. A deferral (breaker open) is not counted as an attempt.</summary>
    Task RetryAsync(long sequence, DateTimeOffset notBefore, string error, CancellationToken cancellationToken, bool countAttempt = true);

    /// <summary>Give up on the message; it stays listed for an operator.</summary>
    Task DeadLetterAsync(long sequence, string reason, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int max, CancellationToken cancellationToken);

    /// <summary>One stored message (pending or dead) with its payload, for an operator to inspect; null if unknown.</summary>
    Task<QueuedMessage?> GetAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>Puts a dead letter back in the queue, due now, attempts reset. False if there is no such dead letter.</summary>
    Task<bool> ReplayAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>Undelivered messages (dead letters excluded).</summary>
    Task<long> BacklogAsync(CancellationToken cancellationToken);
}

namespace ProactiveReissue.Queue;

/// <summary>A message the queue gave up on: kept for an operator to inspect and replay.</summary>
public sealed record DeadLetter(
    long Sequence,
    string MessageId,
    string Destination,
    string OrderingKey,
    DateTimeOffset EnqueuedAt,
    int Attempts,
    string Reason);

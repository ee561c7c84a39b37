namespace ProactiveReissue.Queue;

/// <summary>A stored message as the delivery worker sees it.</summary>
public sealed record QueuedMessage(
    long Sequence,
    OutboundMessage Message,
    DateTimeOffset EnqueuedAt,
    int Attempts,
    string? LastError);

namespace ProactiveReissue.Queue;

/// <summary>The backlog is at its configured bound: enqueue fails fast instead of dropping anything.</summary>
public sealed class QueueFullException(long backlog, long limit)
    : Exception($"The outbound queue holds {backlog} undelivered messages, its limit is {limit}: refused, nothing was stored.")
{
    public long Backlog { get; } = backlog;

    public long Limit { get; } = limit;
}

using System.Diagnostics;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// How long the syncs of one file took, in fixed buckets (for /metrics): the disk's latency as each acknowledged
/// commit waits for it. A few slow ones decide the tail of every answer waiting behind them, which a mean hides.
/// </summary>
public sealed class SyncHistogram
{
    /// <summary>Upper bounds of the buckets, in seconds; a last bucket counts the rest.</summary>
    public static readonly double[] Bounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

    private readonly long[] _counts = new long[Bounds.Length + 1];
    private long _count;
    private long _ticks;

    /// <summary>A sync that started at <paramref name="started"/> (<see cref="Stopwatch.GetTimestamp"/>) and has just ended.</summary>
    public void Observe(long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        var seconds = elapsed.TotalSeconds;
        var bucket = 0;
        while (bucket < Bounds.Length && seconds > Bounds[bucket])
        {
            bucket++;
        }

        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Add(ref _ticks, elapsed.Ticks);
        Interlocked.Increment(ref _count);
    }

    public long Count => Interlocked.Read(ref _count);

    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    /// <summary>Syncs per bucket (not cumulative), the last one over every bound.</summary>
    public long[] Buckets() => [.. _counts.Select((_, i) => Interlocked.Read(ref _counts[i]))];
}

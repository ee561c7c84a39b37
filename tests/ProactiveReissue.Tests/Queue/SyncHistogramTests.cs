using System.Diagnostics;
using ProactiveReissue.Queue.Sqlite;

namespace ProactiveReissue.Tests.Queue;

public sealed class SyncHistogramTests
{
    [Fact]
    public void Observe_SyncThatTook15Ms_CountedAboveTheTenMsBound()
    {
        // Arrange
        var histogram = new SyncHistogram();
        var started = Stopwatch.GetTimestamp() - (long)(0.015 * Stopwatch.Frequency);

        // Act
        histogram.Observe(started);

        // Assert: no bucket up to 10 ms has it, one above does; the sum holds its time
        var buckets = histogram.Buckets();
        var tenMs = Array.IndexOf(SyncHistogram.Bounds, 0.01);
        Assert.Equal(SyncHistogram.Bounds.Length + 1, buckets.Length);
        Assert.Equal(0L, buckets.Take(tenMs + 1).Sum());
        Assert.Equal(1L, buckets.Skip(tenMs + 1).Sum());
        Assert.Equal(1L, histogram.Count);
        Assert.True(histogram.Total >= TimeSpan.FromMilliseconds(15), $"total {histogram.Total}");
    }
}

using System.ComponentModel.DataAnnotations;

namespace ProactiveReissue.Queue.Delivery;

/// <summary>How the delivery worker retries and when it gives up ("Gateway:Queue" settings).</summary>
public sealed class DeliveryOptions
{
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 64;

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 512;

    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts after which a message becomes a dead letter.</summary>
    [Range(1, 10_000)]
    public int MaxAttempts { get; set; } = 100;

    /// <summary>Age after which an undelivered message becomes a dead letter.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(3);

    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Pause after the store itself failed (e.g. Redis down) before leasing again.</summary>
    public TimeSpan StoreRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Consecutive failures after which a destination is paused (its breaker opens).</summary>
    [Range(1, 10_000)]
    public int BreakerFailures { get; set; } = 5;

    public TimeSpan BreakerPause { get; set; } = TimeSpan.FromSeconds(5);
}

using System.Collections.Concurrent;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Gateway.Journal;

/// <summary>
/// Refuses a messageId seen again from the same sender within the window (SCE018). Rebuilt from the
/// journal at start, so a restart does not open a replay gap.
/// </summary>
public sealed class ReplayGuard(TimeProvider time, TimeSpan window) : IReplayWindow
{
    private readonly ConcurrentDictionary<(string Sender, string MessageId), DateTimeOffset> _seen = new();
    private long _checks;

    public TimeSpan Window => window;

    public void Seed(IEnumerable<(string Sender, string MessageId, DateTimeOffset At)> recent)
    {
        foreach (var (sender, messageId, at) in recent)
        {
            _seen[(sender, messageId)] = at;
        }
    }

    /// <summary>Synchronous underneath: the in-process window costs no allocation and no await.</summary>
    public ValueTask CheckAsync(string sender, string messageId, CancellationToken cancellationToken)
    {
        Check(sender, messageId);
        return ValueTask.CompletedTask;
    }

    public void Check(string sender, string messageId)
    {
        var now = time.GetUtcNow();
        var key = (sender, messageId);
        while (true)
        {
            if (_seen.TryAdd(key, now))
            {
                break;
            }

            if (_seen.TryGetValue(key, out var seenAt) && now - seenAt < window)
            {
                throw new ShepException(ShepFaults.Replay, $"messageId '{messageId}' was already received from sender '{sender}' at {LocalClock.Format(seenAt)}.");
            }

            if (_seen.TryUpdate(key, now, seenAt))
            {
                break;
            }
        }

        if (Interlocked.Increment(ref _checks) % 10_000 == 0)
        {
            Purge(now);
        }
    }

    private void Purge(DateTimeOffset now)
    {
        foreach (var (key, at) in _seen)
        {
            if (now - at >= window)
            {
                _seen.TryRemove(key, out _);
            }
        }
    }
}

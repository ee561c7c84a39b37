using System.Security.Cryptography;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Gateway.Journal;

/// <summary>
/// Refuses a messageId seen again from the same sender within the window (SCE018). Rebuilt from the
/// journal at start, so a restart does not open a replay gap.
/// <para>
/// A window of a day holds every client request of that day, so each entry is kept small: a 64-bit hash of
/// (sender, messageId) under a key drawn at random per process, and the time seen (about 28 bytes with the
/// table's own overhead, against about 250 for the two strings in a concurrent dictionary). Two different
/// messages share a hash with odds of about n² / 2⁶⁵ over the whole window: under one in a million for 8.6
/// million requests (100 a second for 24 hours). Entries live in generations of 1/24 of the window, so that
/// expired ones go a generation at a time, without a pass over the whole table on a request's path.
/// </para>
/// </summary>
public sealed class ReplayGuard(TimeProvider time, TimeSpan window) : IReplayWindow
{
    private const int Generations = 24;
    private readonly Lock _gate = new();
    private readonly long _windowMs = (long)window.TotalMilliseconds;
    private readonly long _generationMs = Math.Max(1_000, (long)window.TotalMilliseconds / Generations);
    private readonly ulong _key = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));

    /// <summary>How many generations can overlap the window; more means one has expired.</summary>
    private readonly long _live = ((long)window.TotalMilliseconds / Math.Max(1_000, (long)window.TotalMilliseconds / Generations)) + 2;

    /// <summary>Generation number (Unix ms ÷ generation length) → hash → Unix ms seen.</summary>
    private readonly Dictionary<long, Dictionary<ulong, long>> _generations = [];

    public TimeSpan Window => window;

    /// <summary>Entries held now (diagnostics and tests).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _generations.Values.Sum(g => g.Count);
            }
        }
    }

    public void Seed(IEnumerable<(string Sender, string MessageId, DateTimeOffset At)> recent)
    {
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            foreach (var (sender, messageId, at) in recent)
            {
                var atMs = at.ToUnixTimeMilliseconds();
                if (nowMs - atMs < _windowMs)
                {
                    var generation = Generation(atMs);
                    var hash = Hash(sender, messageId);
                    generation[hash] = generation.TryGetValue(hash, out var seen) ? Math.Max(seen, atMs) : atMs;
                }
            }
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
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var hash = Hash(sender, messageId);
        long lastSeen;
        lock (_gate)
        {
            DropExpired(nowMs);
            lastSeen = long.MinValue;
            foreach (var generation in _generations.Values)
            {
                if (generation.TryGetValue(hash, out var seen))
                {
                    lastSeen = Math.Max(lastSeen, seen);
                }
            }

            if (lastSeen == long.MinValue || nowMs - lastSeen >= _windowMs)
            {
                Generation(nowMs)[hash] = nowMs;
                return;
            }
        }

        throw new ShepException(ShepFaults.Replay,
            $"messageId '{messageId}' was already received from sender '{sender}' at {LocalClock.Format(DateTimeOffset.FromUnixTimeMilliseconds(lastSeen))}.");
    }

    private Dictionary<ulong, long> Generation(long atMs)
    {
        var number = atMs / _generationMs;
        if (!_generations.TryGetValue(number, out var generation))
        {
            generation = [];
            _generations.Add(number, generation);
        }

        return generation;
    }

    /// <summary>Drops the generations whose every entry is older than the window.</summary>
    private void DropExpired(long nowMs)
    {
        if (_generations.Count <= _live)
        {
            return;
        }

        foreach (var number in _generations.Keys.ToArray())
        {
            if (nowMs - ((number + 1) * _generationMs) >= _windowMs)
            {
                _generations.Remove(number);
            }
        }
    }

    /// <summary>FNV-1a over both strings (a separator between them) from a random start, then murmur3's finaliser.</summary>
    private ulong Hash(string sender, string messageId)
    {
        const ulong prime = 0x100000001B3;
        var h = _key ^ 0xCBF29CE484222325;
        foreach (var c in sender)
        {
            h = (h ^ c) * prime;
        }

        h = (h ^ 0xFFFF) * prime;
        foreach (var c in messageId)
        {
            h = (h ^ c) * prime;
        }

        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        return h ^ (h >> 33);
    }
}

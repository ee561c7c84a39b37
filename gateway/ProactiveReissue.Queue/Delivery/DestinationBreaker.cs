using System.Collections.Concurrent;

namespace ProactiveReissue.Queue.Delivery;

/// <summary>
/// One breaker per destination (scheme://host:port): after N consecutive failures the destination is
/// paused for a while, so a dead peer costs no connection attempts and never slows the others.
/// </summary>
public sealed class DestinationBreaker(int failures, TimeSpan pause)
{
    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>URL → destination, for the few URLs a gateway delivers to (parsing one costs more than the lookup).</summary>
    private static readonly ConcurrentDictionary<string, string> Destinations = new(StringComparer.Ordinal);

    public static string DestinationOf(string url)
    {
        if (Destinations.TryGetValue(url, out var destination))
        {
            return destination;
        }

        destination = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : url;
        if (Destinations.Count < 1024)
        {
            Destinations.TryAdd(url, destination);
        }

        return destination;
    }

    /// <summary>When the destination is paused, the time it may be tried again.</summary>
    public DateTimeOffset? PausedUntil(string destination, DateTimeOffset now) =>
        _states.TryGetValue(destination, out var state) && state.PausedUntil > now ? state.PausedUntil : null;

    public void Succeeded(string destination) => _states.TryRemove(destination, out _);

    public void Failed(string destination, DateTimeOffset now) =>
        _states.AddOrUpdate(
            destination,
            _ => new State(1, failures <= 1 ? now + pause : DateTimeOffset.MinValue),
            (_, s) => s.Failures + 1 >= failures ? new State(s.Failures + 1, now + pause) : s with { Failures = s.Failures + 1 });

    private sealed record State(int Failures, DateTimeOffset PausedUntil);
}

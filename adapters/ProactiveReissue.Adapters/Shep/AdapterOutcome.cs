namespace ProactiveReissue.Adapters.Shep;

/// <summary>
/// The typed result of one adapter call: <see cref="AdapterOutcomeKind.Found"/> carries the value; the other
/// kinds carry a code and a sentence. Transport exceptions never leave an adapter; they become Timeout or Unavailable.
/// </summary>
public sealed record AdapterOutcome<T>(AdapterOutcomeKind Kind, T? Value, string? Code, string? Message)
{
    public bool IsFound => Kind == AdapterOutcomeKind.Found;

    public static AdapterOutcome<T> Found(T value) => new(AdapterOutcomeKind.Found, value, null, null);

    public static AdapterOutcome<T> NotFound(string message) => new(AdapterOutcomeKind.NotFound, default, null, message);

    public static AdapterOutcome<T> PeerFault(string code, string message) => new(AdapterOutcomeKind.PeerFault, default, code, message);

    public static AdapterOutcome<T> Timeout(string message) => new(AdapterOutcomeKind.Timeout, default, AdapterCodes.Timeout, message);

    public static AdapterOutcome<T> Unavailable(string code, string message) => new(AdapterOutcomeKind.Unavailable, default, code, message);

    /// <summary>The same failure for another value type (Found cannot be converted).</summary>
    public AdapterOutcome<TOther> Cast<TOther>() => Kind == AdapterOutcomeKind.Found
        ? throw new InvalidOperationException("A Found outcome carries a value and cannot be cast.")
        : new AdapterOutcome<TOther>(Kind, default, Code, Message);
}

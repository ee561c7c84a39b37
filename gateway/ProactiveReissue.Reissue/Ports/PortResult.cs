namespace ProactiveReissue.Reissue.Ports;

/// <summary>What an external system answered: the value, "not found", or a transient failure (try the step later).</summary>
public sealed record PortResult<T>(T? Value, bool NotFound, string? Failure)
{
    public static PortResult<T> Found(T value) => new(value, false, null);

    public static PortResult<T> Missing() => new(default, true, null);

    public static PortResult<T> Failed(string why) => new(default, false, why);

    public bool IsFailure => Failure is not null;
}

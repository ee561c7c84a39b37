namespace ProactiveReissue.Tests.Support;

/// <summary>
/// A clock the test moves by hand. Microsoft.Extensions.TimeProvider.Testing is not available here,
/// so this is the small subset the tests need: a settable UTC "now".
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    /// <summary>A fixed, unremarkable instant: 15 March 2026, 09:30 UTC (14:30 in Almaty).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 15, 9, 30, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private DateTimeOffset _utcNow;

    public FakeTimeProvider()
        : this(DefaultStart)
    {
    }

    public FakeTimeProvider(DateTimeOffset start)
    {
        _utcNow = start.ToUniversalTime();
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _utcNow;
        }
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            _utcNow = value.ToUniversalTime();
        }
    }

    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_gate)
        {
            _utcNow += delta;
        }
    }
}

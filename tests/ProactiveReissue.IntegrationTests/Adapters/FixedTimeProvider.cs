namespace ProactiveReissue.IntegrationTests.Adapters;

/// <summary>A clock standing still at one instant (Microsoft.Extensions.TimeProvider.Testing does not restore here).</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}

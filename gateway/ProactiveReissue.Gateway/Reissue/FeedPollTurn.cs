namespace ProactiveReissue.Gateway.Reissue;

/// <summary>
/// Which instance reads the GBD UL name-change feed this round. Every instance runs the coordinator's loop;
/// reading the feed once per interval is enough, whichever instance does it (opening a case is atomic, so a
/// second read would open nothing new, but it would load GBD UL for nothing).
/// </summary>
public interface IFeedPollTurn
{
    /// <summary>True when this instance should read the feed now; the turn is then taken for <paramref name="interval"/>.</summary>
    Task<bool> TryTakeAsync(TimeSpan interval, CancellationToken cancellationToken);
}

/// <summary>One instance (SQLite stores): its own loop's clock already spaces the reads.</summary>
public sealed class LocalFeedPollTurn : IFeedPollTurn
{
    public Task<bool> TryTakeAsync(TimeSpan interval, CancellationToken cancellationToken) => Task.FromResult(true);
}

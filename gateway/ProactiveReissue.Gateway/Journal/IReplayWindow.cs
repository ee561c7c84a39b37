namespace ProactiveReissue.Gateway.Journal;

/// <summary>
/// Refuses a messageId seen again from the same sender within the window (SCE018). In-process
/// (<see cref="ReplayGuard"/>, one instance) or shared by every instance (Distributed.RedisReplayWindow).
/// </summary>
public interface IReplayWindow
{
    /// <exception cref="Shep.Faults.ShepException">SCE018 for a replay; SCE044 when a shared window cannot be reached.</exception>
    ValueTask CheckAsync(string sender, string messageId, CancellationToken cancellationToken);
}

using ProactiveReissue.Reissue.Coordinator;

namespace ProactiveReissue.Gateway.Reissue;

/// <summary>
/// The always-on part of the process (seeds §16–§17): due timers and retries are run every few seconds, and the
/// GBD UL feed is read every <see cref="ReissueOptions.FeedPollMinutes"/> by one instance (<see cref="IFeedPollTurn"/>).
/// </summary>
public sealed class ReissueHostedService(ReissueCoordinator coordinator, ReissueOptions options, IFeedPollTurn feedTurn, TimeProvider time, ILogger<ReissueHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset? lastPoll = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                if (options.FeedPollMinutes > 0 && (lastPoll is null || now - lastPoll >= TimeSpan.FromMinutes(options.FeedPollMinutes)))
                {
                    lastPoll = now;
                    var interval = TimeSpan.FromMinutes(options.FeedPollMinutes);
                    if (await feedTurn.TryTakeAsync(interval, stoppingToken).ConfigureAwait(false))
                    {
                        var since = DateOnly.FromDateTime(ProactiveReissue.Shep.Time.LocalClock.ToLocal(now).DateTime).AddDays(-options.FeedLookbackDays);
                        await coordinator.PollFeedAsync(since, stoppingToken).ConfigureAwait(false);
                    }
                }

                await coordinator.RunDueAsync(stoppingToken, parallelism: options.MaxParallelCases).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Observability.Log.CoordinatorFailed(logger, ex);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.PollSeconds), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}

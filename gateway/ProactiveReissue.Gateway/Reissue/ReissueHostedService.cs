using ProactiveReissue.Reissue.Coordinator;

namespace ProactiveReissue.Gateway.Reissue;

/// <summary>The always-on part of the process (seeds §16–§17): due timers and retries are run every few seconds.</summary>
public sealed class ReissueHostedService(ReissueCoordinator coordinator, ReissueOptions options, TimeProvider time, ILogger<ReissueHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await coordinator.RunDueAsync(stoppingToken).ConfigureAwait(false);
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

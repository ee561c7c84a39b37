using Microsoft.Extensions.Options;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Delivery;

namespace ProactiveReissue.Gateway.Async;

/// <summary>Runs the delivery worker inside the gateway host, after re-queuing pushes lost in a crash.</summary>
public sealed class QueueHostedService(IQueueStore store, IDeliveryTransport transport, IDeliveryObserver observer, AsyncPushes pushes, IOptions<GatewayOptions> options, TimeProvider time, ILogger<QueueHostedService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var requeued = await pushes.ReconcileAsync(stoppingToken).ConfigureAwait(false);
        if (requeued > 0)
        {
            Observability.Log.Requeued(logger, requeued);
        }

        var o = options.Value.Queue;
        if (!o.DeliveryEnabled)
        {
            return;
        }

        var worker = new DeliveryWorker(store, transport, observer, ToDelivery(o), time, Environment.MachineName + ":" + Environment.ProcessId);
        await worker.RunAsync(stoppingToken).ConfigureAwait(false);
    }

    public static DeliveryOptions ToDelivery(QueueOptions o) => new()
    {
        MaxConcurrency = o.MaxConcurrency,
        MaxAttempts = o.MaxAttempts,
        MaxAge = TimeSpan.FromMinutes(o.MaxAgeMinutes),
        BaseDelay = TimeSpan.FromMilliseconds(o.BaseDelayMs),
        MaxDelay = TimeSpan.FromMilliseconds(o.MaxDelayMs),
        AttemptTimeout = TimeSpan.FromMilliseconds(o.AttemptTimeoutMs),
        Lease = TimeSpan.FromMilliseconds(o.LeaseMs),
        BreakerFailures = o.BreakerFailures,
        BreakerPause = TimeSpan.FromMilliseconds(o.BreakerPauseMs),
        IdlePoll = TimeSpan.FromMilliseconds(50),
    };
}

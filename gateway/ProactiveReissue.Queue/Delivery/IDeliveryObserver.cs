namespace ProactiveReissue.Queue.Delivery;

/// <summary>Told of every attempt (the gateway journals them) and of every dead letter.</summary>
public interface IDeliveryObserver
{
    Task AttemptedAsync(QueuedMessage message, DeliveryResult result, DateTimeOffset at, CancellationToken cancellationToken);

    /// <param name="rejected">True when the receiver refused the message; false when the queue gave up retrying.</param>
    /// <summary>The store failed under the worker (it keeps going); for logs and readiness.</summary>
    Task StoreFailedAsync(Exception exception, CancellationToken cancellationToken) => Task.CompletedTask;

    Task DeadLetteredAsync(QueuedMessage message, string reason, bool rejected, DateTimeOffset at, CancellationToken cancellationToken);
}

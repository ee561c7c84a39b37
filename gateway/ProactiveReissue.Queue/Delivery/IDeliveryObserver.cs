namespace ProactiveReissue.Queue.Delivery;

/// <summary>Told of every attempt (the gateway journals them) and of every dead letter.</summary>
public interface IDeliveryObserver
{
    Task AttemptedAsync(QueuedMessage message, DeliveryResult result, DateTimeOffset at, CancellationToken cancellationToken);

    Task DeadLetteredAsync(QueuedMessage message, string reason, DateTimeOffset at, CancellationToken cancellationToken);
}

namespace ProactiveReissue.Queue.Delivery;

/// <summary>Sends one message to its destination.</summary>
public interface IDeliveryTransport
{
    Task<DeliveryResult> DeliverAsync(QueuedMessage message, CancellationToken cancellationToken);
}

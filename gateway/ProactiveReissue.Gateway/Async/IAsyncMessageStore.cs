namespace ProactiveReissue.Gateway.Async;

/// <summary>
/// The asynchronous channel's messages and their delivery state. Per instance in SQLite
/// (<see cref="AsyncMessageStore"/>), or shared in Redis (Distributed.RedisAsyncMessageStore) so that the
/// instance delivering a message accepted by another can move its state, and getMessages /
/// getMessageStatus answer the same on every instance.
/// </summary>
public interface IAsyncMessageStore
{
    /// <summary>Stores a new message (durable on return).</summary>
    Task AddAsync(AsyncMessage message, CancellationToken cancellationToken);

    /// <summary>Moves a message out of ON_DELIVERY; false if it had already left it.</summary>
    Task<bool> SetStateAsync(string messageId, string state, string statusMessage, DateTimeOffset at, CancellationToken cancellationToken);

    Task<AsyncMessage?> FindAsync(string messageId, CancellationToken cancellationToken);

    /// <summary>Undelivered messages for a recipient and service, oldest first.</summary>
    Task<IReadOnlyList<AsyncMessage>> PendingForAsync(string recipient, string serviceId, string? messageId, string? correlationId, int amount, CancellationToken cancellationToken);

    /// <summary>Every message still ON_DELIVERY to the recipient (push reconciliation at start).</summary>
    Task<IReadOnlyList<AsyncMessage>> OnDeliveryToAsync(string recipient, CancellationToken cancellationToken);
}

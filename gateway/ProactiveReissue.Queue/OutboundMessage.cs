namespace ProactiveReissue.Queue;

/// <summary>
/// A message the gateway must deliver. The messageId is the receiver's idempotency key; messages
/// with the same ordering key are delivered one after another in enqueue order.
/// </summary>
public sealed record OutboundMessage(
    string MessageId,
    string Destination,
    string OrderingKey,
    string ContentType,
    ReadOnlyMemory<byte> Payload);

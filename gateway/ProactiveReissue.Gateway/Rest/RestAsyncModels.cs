namespace ProactiveReissue.Gateway.Rest;

/// <summary>JSON of the asynchronous channel's REST twin; fields as in the SOAP messages.</summary>
public sealed record RestAsyncMessageInfo(
    string? MessageId,
    string? CorrelationId,
    string? ServiceId,
    string? MessageType,
    string? RouteId,
    string? MessageDate,
    RestSender? Sender,
    List<RestProperty>? Properties);

public sealed record RestAsyncSend(RestAsyncMessageInfo? MessageInfo, RestData? MessageData);

public sealed record RestAsyncSendResult(string MessageId, string CorrelationId, string ResponseDate, RestStatus Status, string SessionId);

public sealed record RestGetMessages(string? MessageId, string? CorrelationId, RestSender? Receiver, string? ServiceId, int? Amount);

public sealed record RestAsyncMessage(RestAsyncMessageInfo MessageInfo, RestData MessageData);

public sealed record RestGetMessagesResult(IReadOnlyList<RestAsyncMessage> Messages);

public sealed record RestDeliveryNotification(string? MessageId, RestSender? Receiver, string? ReceiveStatus, string? ResendMessage);

public sealed record RestMessageStatusRequest(string? MessageId, RestSender? Sender);

public sealed record RestMessageStatus(string MessageId, string MessageState, RestStateStatus Status);

public sealed record RestStateStatus(string StatusCode, string StatusMessage, string StatusDate);

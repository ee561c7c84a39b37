using System.Xml;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;

namespace ProactiveReissue.Shep.Async;

/// <summary>messageInfo of the asynchronous channel. messageId is assigned by the bus; correlationId is empty for a REQUEST.</summary>
public sealed record AsyncMessageInfo(
    string? MessageId,
    string? CorrelationId,
    string ServiceId,
    string MessageType,
    string? RouteId,
    DateTimeOffset MessageDate,
    Sender Sender,
    IReadOnlyList<MessageProperty> Properties,
    string? SessionId);

/// <summary>One of the four operations, parsed.</summary>
public abstract record AsyncRequest(string Operation);

public sealed record SendMessageRequest(AsyncMessageInfo Info, XmlElement? Data) : AsyncRequest(AsyncOperations.SendMessage);

public sealed record GetMessagesRequest(string? MessageId, string? CorrelationId, Sender Receiver, string ServiceId, int Amount) : AsyncRequest(AsyncOperations.GetMessages);

public sealed record DeliveryNotificationRequest(string MessageId, Sender Receiver, string ReceiveStatus, string ResendMessage, ErrorInfo? Error) : AsyncRequest(AsyncOperations.SendDeliveryNotification);

public sealed record MessageStatusRequest(string MessageId, Sender Sender) : AsyncRequest(AsyncOperations.GetMessageStatus);

/// <summary>Operation names (lowerCamel, as on the wire).</summary>
public static class AsyncOperations
{
    public const string SendMessage = "sendMessage";
    public const string GetMessages = "getMessages";
    public const string SendDeliveryNotification = "sendDeliveryNotification";
    public const string GetMessageStatus = "getMessageStatus";
    public const string ChangeStatusNotification = "changeMassageStatusNotification";

    /// <summary>The fault element of an operation: &lt;op&gt;Fault1_&lt;op&gt;Fault.</summary>
    public static string FaultElement(string operation) => $"{operation}Fault1_{operation}Fault";
}

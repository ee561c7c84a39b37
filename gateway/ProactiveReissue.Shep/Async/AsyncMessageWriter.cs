using System.Xml;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Shep.Async;

/// <summary>Answers of the asynchronous channel and the bus's pushes to a participant's IAsyncChannelClient.</summary>
public static class AsyncMessageWriter
{
    public const string ClientTypesNamespace = "http://bip.bee.kz/AsyncChannel/v10/Types/Client";

    public static XmlDocument SendMessageResponse(string messageId, string correlationId, DateTimeOffset date, string sessionId, string bodyId)
    {
        var (document, response) = Frame(AsyncOperations.SendMessage + "Response", "response", AsyncMessageReader.TypesNamespace, bodyId);
        SoapEnvelopeWriter.AddText(response, "messageId", messageId);
        SoapEnvelopeWriter.AddText(response, "correlationId", correlationId);
        SoapEnvelopeWriter.AddText(response, "responseDate", LocalClock.Format(date));
        Status(response, "code", SyncStatus.Success, "message", "Message accepted by the bus for delivery", null, null);
        SoapEnvelopeWriter.AddText(response, "sessionId", sessionId);
        return document;
    }

    public static XmlDocument GetMessagesResponse(IEnumerable<(AsyncMessageInfo Info, XmlElement? Data)> messages, string bodyId)
    {
        var (document, response) = Frame(AsyncOperations.GetMessages + "Response", "response", AsyncMessageReader.TypesNamespace, bodyId);
        foreach (var (info, data) in messages)
        {
            var message = SoapEnvelopeWriter.Add(response, "messages");
            WriteMessage(message, info, data);
        }

        return document;
    }

    public static XmlDocument DeliveryNotificationResponse(string bodyId)
    {
        var (document, response) = Frame(AsyncOperations.SendDeliveryNotification + "Response", "response", AsyncMessageReader.TypesNamespace, bodyId);
        Status(response, "code", SyncStatus.Success, "message", "Notification recorded", null, null);
        return document;
    }

    public static XmlDocument MessageStatusResponse(string messageId, string state, string statusMessage, DateTimeOffset statusDate, string bodyId)
    {
        var (document, response) = Frame(AsyncOperations.GetMessageStatus + "Response", "response", AsyncMessageReader.TypesNamespace, bodyId);
        SoapEnvelopeWriter.AddText(response, "messageId", messageId);
        SoapEnvelopeWriter.AddText(response, "messageState", state);
        Status(response, "statusCode", state, "statusMessage", statusMessage, "statusDate", statusDate);
        return document;
    }

    /// <summary>The bus delivering a message to the recipient's IAsyncChannelClient.sendMessage.</summary>
    public static XmlDocument Push(AsyncMessageInfo info, XmlElement? data, string bodyId)
    {
        var (document, request) = Frame(AsyncOperations.SendMessage, "request", ClientTypesNamespace, bodyId);
        WriteMessage(request, info, data);
        return document;
    }

    /// <summary>The bus telling a sender that its message changed state (IAsyncChannelClient.changeMassageStatusNotification, sic).</summary>
    public static XmlDocument StatusNotification(string messageId, string correlationId, string state, string statusMessage, DateTimeOffset statusDate, string bodyId)
    {
        var (document, request) = Frame(AsyncOperations.ChangeStatusNotification, "request", ClientTypesNamespace, bodyId);
        SoapEnvelopeWriter.AddText(request, "messageId", messageId);
        SoapEnvelopeWriter.AddText(request, "correlationId", correlationId);
        SoapEnvelopeWriter.AddText(request, "messageState", state);
        Status(request, "statusCode", state, "statusMessage", statusMessage, "statusDate", statusDate);
        return document;
    }

    private static void WriteMessage(XmlElement parent, AsyncMessageInfo info, XmlElement? data)
    {
        var messageInfo = SoapEnvelopeWriter.Add(parent, "messageInfo");
        SoapEnvelopeWriter.AddText(messageInfo, "messageId", info.MessageId);
        SoapEnvelopeWriter.AddText(messageInfo, "correlationId", info.CorrelationId);
        SoapEnvelopeWriter.AddText(messageInfo, "serviceId", info.ServiceId);
        SoapEnvelopeWriter.AddText(messageInfo, "messageType", info.MessageType);
        if (info.RouteId is not null)
        {
            SoapEnvelopeWriter.AddText(messageInfo, "routeId", info.RouteId);
        }

        SoapEnvelopeWriter.AddText(messageInfo, "messageDate", LocalClock.Format(info.MessageDate));
        var sender = SoapEnvelopeWriter.Add(messageInfo, "sender");
        SoapEnvelopeWriter.AddText(sender, "senderId", info.Sender.SenderId);
        foreach (var property in info.Properties)
        {
            var p = SoapEnvelopeWriter.Add(messageInfo, "properties");
            SoapEnvelopeWriter.AddText(p, "key", property.Key);
            SoapEnvelopeWriter.AddText(p, "value", property.Value);
        }

        if (info.SessionId is not null)
        {
            SoapEnvelopeWriter.AddText(messageInfo, "sessionId", info.SessionId);
        }

        var messageData = SoapEnvelopeWriter.Add(parent, "messageData");
        if (data is null)
        {
            SoapEnvelopeWriter.Add(messageData, "data");
        }
        else
        {
            SoapEnvelopeWriter.CopyData(data, messageData);
        }
    }

    private static void Status(XmlElement parent, string codeName, string code, string messageName, string message, string? dateName, DateTimeOffset? date)
    {
        var status = SoapEnvelopeWriter.Add(parent, "status");
        SoapEnvelopeWriter.AddText(status, codeName, code);
        SoapEnvelopeWriter.AddText(status, messageName, message);
        if (dateName is not null && date is not null)
        {
            SoapEnvelopeWriter.AddText(status, dateName, LocalClock.Format(date.Value));
        }
    }

    private static (XmlDocument Document, XmlElement Inner) Frame(string operation, string inner, string ns, string bodyId)
    {
        var (document, body) = SoapEnvelopeWriter.CreateFrame(bodyId);
        var op = document.CreateElement("ns", operation, ns);
        body.AppendChild(op);
        return (document, SoapEnvelopeWriter.Add(op, inner));
    }
}

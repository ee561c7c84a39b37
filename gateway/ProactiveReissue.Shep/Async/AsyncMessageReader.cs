using System.Globalization;
using System.Xml;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Shep.Async;

/// <summary>Reads the four operations of the asynchronous channel (namespace …/AsyncChannel/v10/Types; children unqualified).</summary>
public static class AsyncMessageReader
{
    public const string TypesNamespace = "http://bip.bee.kz/AsyncChannel/v10/Types";
    public const int DefaultAmount = 10;
    public const int MaxAmount = 100;

    public static AsyncRequest Read(SoapMessage soap)
    {
        var op = soap.Operation;
        if (op.NamespaceURI != TypesNamespace)
        {
            throw new ShepException(ShepFaults.BadFormat, $"Expected an operation in {TypesNamespace}, got {{{op.NamespaceURI}}}{op.LocalName}.");
        }

        var request = XmlNav.Required(op, "request", op.LocalName);
        return op.LocalName switch
        {
            AsyncOperations.SendMessage => ReadSendMessage(request),
            AsyncOperations.GetMessages => new GetMessagesRequest(
                XmlNav.NullIfEmpty(XmlNav.ChildText(request, "messageId")),
                XmlNav.NullIfEmpty(XmlNav.ChildText(request, "correlationId")),
                SyncMessageReader.ReadSender(request, "receiver", "request"),
                XmlNav.RequiredText(request, "serviceId", "request"),
                Amount(XmlNav.ChildText(request, "amount"))),
            AsyncOperations.SendDeliveryNotification => ReadNotification(request),
            AsyncOperations.GetMessageStatus => new MessageStatusRequest(
                XmlNav.RequiredText(request, "messageId", "request"),
                SyncMessageReader.ReadSender(request, "sender", "request")),
            _ => throw new ShepException(ShepFaults.BadFormat, $"Unknown operation '{op.LocalName}' (sendMessage, getMessages, sendDeliveryNotification, getMessageStatus)."),
        };
    }

    private static SendMessageRequest ReadSendMessage(XmlElement request)
    {
        var info = XmlNav.Required(request, "messageInfo", "request");
        var type = XmlNav.RequiredText(info, "messageType", "messageInfo");
        if (type is not ("REQUEST" or "RESPONSE" or "NOTIFICATION" or "UPDATE"))
        {
            throw new ShepException(ShepFaults.BadFormat, $"messageType '{type}' is not REQUEST, RESPONSE, NOTIFICATION or UPDATE.");
        }

        var dateText = XmlNav.RequiredText(info, "messageDate", "messageInfo");
        if (!LocalClock.TryParse(dateText, out var date))
        {
            throw new ShepException(ShepFaults.BadFormat, $"messageDate '{dateText}' is not an xs:dateTime.");
        }

        var messageData = XmlNav.Child(request, "messageData");
        return new SendMessageRequest(
            new AsyncMessageInfo(
                XmlNav.NullIfEmpty(XmlNav.ChildText(info, "messageId")),
                XmlNav.NullIfEmpty(XmlNav.ChildText(info, "correlationId")),
                XmlNav.RequiredText(info, "serviceId", "messageInfo"),
                type,
                XmlNav.NullIfEmpty(XmlNav.ChildText(info, "routeId")),
                date,
                SyncMessageReader.ReadSender(info, "sender", "messageInfo"),
                SyncMessageReader.ReadProperties(info),
                XmlNav.NullIfEmpty(XmlNav.ChildText(info, "sessionId"))),
            messageData is null ? null : XmlNav.Child(messageData, "data"));
    }

    private static DeliveryNotificationRequest ReadNotification(XmlElement request)
    {
        var status = XmlNav.RequiredText(request, "receiveStatus", "request");
        if (status is not ("MESSAGE_ACCEPTED" or "MESSAGE_NOT_ACCTEPTED"))
        {
            throw new ShepException(ShepFaults.BadFormat, $"receiveStatus '{status}' is not MESSAGE_ACCEPTED or MESSAGE_NOT_ACCTEPTED.");
        }

        var resend = XmlNav.NullIfEmpty(XmlNav.ChildText(request, "resendMessage")) ?? "RESEND";
        if (resend is not ("RESEND" or "NOT_RESEND"))
        {
            throw new ShepException(ShepFaults.BadFormat, $"resendMessage '{resend}' is not RESEND or NOT_RESEND.");
        }

        var error = XmlNav.Child(request, "error");
        return new DeliveryNotificationRequest(
            XmlNav.RequiredText(request, "messageId", "request"),
            SyncMessageReader.ReadSender(request, "receiver", "request"),
            status,
            resend,
            error is null ? null : SyncMessageReader.ReadErrorInfo(error, DateTimeOffset.UnixEpoch));
    }

    private static int Amount(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultAmount;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            throw new ShepException(ShepFaults.BadFormat, $"amount '{text}' is not a non-negative integer.");
        }

        return amount == 0 ? DefaultAmount : Math.Min(amount, MaxAmount);
    }
}

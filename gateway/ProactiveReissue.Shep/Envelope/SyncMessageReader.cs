using System.Xml;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Shep.Envelope;

/// <summary>Reads SendMessage / SendMessageResponse / SendMessage faults. Children are unqualified.</summary>
public static class SyncMessageReader
{
    public const string SendMessage = "SendMessage";
    public const string SendMessageResponse = "SendMessageResponse";
    public const string FaultElement = "SendMessageFault1_SendMessageFault";

    public static SyncRequest ReadRequest(SoapMessage soap)
    {
        var op = soap.Operation;
        if (op.LocalName != SendMessage || op.NamespaceURI != ShepNamespaces.SyncTypes)
        {
            throw new ShepException(ShepFaults.BadFormat, $"Expected {{{ShepNamespaces.SyncTypes}}}SendMessage, got {{{op.NamespaceURI}}}{op.LocalName}.");
        }

        var request = XmlNav.Required(op, "request", "SendMessage");
        var info = ReadRequestInfo(XmlNav.Required(request, "requestInfo", "request"));
        var requestData = XmlNav.Child(request, "requestData");
        var data = requestData is null ? null : XmlNav.Child(requestData, "data");
        return new SyncRequest(soap, info, data);
    }

    public static SyncResponse ReadResponse(SoapMessage soap)
    {
        var op = soap.Operation;
        if (op.LocalName != SendMessageResponse || op.NamespaceURI != ShepNamespaces.SyncTypes)
        {
            throw new ShepException(ShepFaults.BadFormat, $"Expected {{{ShepNamespaces.SyncTypes}}}SendMessageResponse, got {{{op.NamespaceURI}}}{op.LocalName}.");
        }

        var response = XmlNav.Required(op, "response", "SendMessageResponse");
        var infoElement = XmlNav.Required(response, "responseInfo", "response");
        var status = XmlNav.Required(infoElement, "status", "responseInfo");
        var dateText = XmlNav.RequiredText(infoElement, "responseDate", "responseInfo");
        if (!LocalClock.TryParse(dateText, out var responseDate))
        {
            throw new ShepException(ShepFaults.BadFormat, $"responseDate '{dateText}' is not an xs:dateTime.");
        }

        var info = new ResponseInfo(
            XmlNav.RequiredText(infoElement, "messageId", "responseInfo"),
            XmlNav.ChildText(infoElement, "correlationId"),
            responseDate,
            XmlNav.RequiredText(status, "code", "status"),
            XmlNav.ChildText(status, "message") ?? string.Empty,
            XmlNav.ChildText(infoElement, "sessionId"));
        var responseData = XmlNav.Child(response, "responseData");
        var data = responseData is null ? null : XmlNav.Child(responseData, "data");
        return new SyncResponse(soap, info, data);
    }

    /// <summary>Reads a SOAP 1.1 Fault; the ErrorInfo in detail if there is one, else faultcode/faultstring.</summary>
    public static ErrorInfo? TryReadFault(SoapMessage soap, DateTimeOffset now)
    {
        var op = soap.Operation;
        if (op.LocalName != "Fault" || op.NamespaceURI != ShepNamespaces.Soap11)
        {
            return null;
        }

        var detail = XmlNav.Child(op, "detail");
        var errorInfo = detail is null ? null : XmlNav.Elements(detail).FirstOrDefault(e => e.LocalName.EndsWith("Fault", StringComparison.Ordinal));
        if (errorInfo is not null)
        {
            return ReadErrorInfo(errorInfo, now);
        }

        var code = XmlNav.ChildText(op, "faultcode") ?? "UNKNOWN";
        var colon = code.IndexOf(':');
        return new ErrorInfo(colon >= 0 ? code[(colon + 1)..] : code, XmlNav.ChildText(op, "faultstring") ?? string.Empty, now);
    }

    public static ErrorInfo ReadErrorInfo(XmlElement element, DateTimeOffset now)
    {
        var date = LocalClock.TryParse(XmlNav.ChildText(element, "errorDate"), out var d) ? d : now;
        var sub = XmlNav.Child(element, "subError");
        return new ErrorInfo(
            XmlNav.ChildText(element, "errorCode") ?? "UNKNOWN",
            XmlNav.ChildText(element, "errorMessage") ?? string.Empty,
            date,
            XmlNav.ChildText(element, "errorData"),
            sub is null ? null : ReadErrorInfo(sub, now),
            XmlNav.ChildText(element, "sessionId"));
    }

    private static RequestInfo ReadRequestInfo(XmlElement info)
    {
        var dateText = XmlNav.RequiredText(info, "messageDate", "requestInfo");
        if (!LocalClock.TryParse(dateText, out var messageDate))
        {
            throw new ShepException(ShepFaults.BadFormat, $"messageDate '{dateText}' is not an xs:dateTime.");
        }

        var sender = ReadSender(info, "sender", "requestInfo");
        var properties = ReadProperties(info);
        var messageId = XmlNav.RequiredText(info, "messageId", "requestInfo");
        if (messageId.Length > 128)
        {
            throw new ShepException(ShepFaults.BadFormat, "messageId is longer than 128 characters.");
        }

        return new RequestInfo(
            messageId,
            XmlNav.NullIfEmpty(XmlNav.ChildText(info, "correlationId")),
            XmlNav.RequiredText(info, "serviceId", "requestInfo"),
            messageDate,
            XmlNav.NullIfEmpty(XmlNav.ChildText(info, "routeId")),
            sender,
            properties,
            XmlNav.NullIfEmpty(XmlNav.ChildText(info, "sessionId")));
    }

    /// <summary>A senderInfo element (senderId, password?) under the given name.</summary>
    internal static Sender ReadSender(XmlElement parent, string name, string parentName)
    {
        var element = XmlNav.Required(parent, name, parentName);
        return new Sender(XmlNav.RequiredText(element, "senderId", name), XmlNav.ChildText(element, "password"));
    }

    /// <summary>properties{key ≤ 30, value ≤ 500}, 0..n.</summary>
    internal static List<MessageProperty> ReadProperties(XmlElement info)
    {
        var properties = new List<MessageProperty>();
        foreach (var p in XmlNav.Elements(info).Where(e => e.LocalName == "properties" && e.NamespaceURI.Length == 0))
        {
            var key = XmlNav.RequiredText(p, "key", "properties");
            var value = XmlNav.ChildText(p, "value") ?? string.Empty;
            if (key.Length > MessageProperty.MaxKeyLength || value.Length > MessageProperty.MaxValueLength)
            {
                throw new ShepException(ShepFaults.BadFormat, $"Property '{Truncate(key)}' exceeds the limits (key ≤ {MessageProperty.MaxKeyLength}, value ≤ {MessageProperty.MaxValueLength} characters).");
            }

            properties.Add(new MessageProperty(key, value));
        }

        return properties;
    }

    private static string Truncate(string value) =>
        value.Length <= 40 ? value : value[..(char.IsHighSurrogate(value[39]) ? 39 : 40)] + "…";
}

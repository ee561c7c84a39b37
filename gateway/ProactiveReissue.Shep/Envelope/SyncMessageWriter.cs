using System.Xml;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Shep.Envelope;

/// <summary>Builds SendMessage, SendMessageResponse and SendMessage faults (unqualified children).</summary>
public static class SyncMessageWriter
{
    public static XmlDocument Request(RequestInfo info, XmlElement? data, string bodyId)
    {
        var (document, body) = SoapEnvelopeWriter.CreateFrame(bodyId);
        var op = document.CreateElement("ns", SyncMessageReader.SendMessage, ShepNamespaces.SyncTypes);
        body.AppendChild(op);
        var request = SoapEnvelopeWriter.Add(op, "request");
        var requestInfo = SoapEnvelopeWriter.Add(request, "requestInfo");
        SoapEnvelopeWriter.AddText(requestInfo, "messageId", info.MessageId);
        if (info.CorrelationId is not null)
        {
            SoapEnvelopeWriter.AddText(requestInfo, "correlationId", info.CorrelationId);
        }

        SoapEnvelopeWriter.AddText(requestInfo, "serviceId", info.ServiceId);
        SoapEnvelopeWriter.AddText(requestInfo, "messageDate", LocalClock.Format(info.MessageDate));
        if (info.RouteId is not null)
        {
            SoapEnvelopeWriter.AddText(requestInfo, "routeId", info.RouteId);
        }

        var sender = SoapEnvelopeWriter.Add(requestInfo, "sender");
        SoapEnvelopeWriter.AddText(sender, "senderId", info.Sender.SenderId);
        if (info.Sender.Password is not null)
        {
            SoapEnvelopeWriter.AddText(sender, "password", info.Sender.Password);
        }

        foreach (var property in info.Properties)
        {
            var p = SoapEnvelopeWriter.Add(requestInfo, "properties");
            SoapEnvelopeWriter.AddText(p, "key", property.Key);
            SoapEnvelopeWriter.AddText(p, "value", property.Value);
        }

        if (info.SessionId is not null)
        {
            SoapEnvelopeWriter.AddText(requestInfo, "sessionId", info.SessionId);
        }

        AddData(SoapEnvelopeWriter.Add(request, "requestData"), data);
        return document;
    }

    public static XmlDocument Response(ResponseInfo info, XmlElement? data, string bodyId)
    {
        var (document, body) = SoapEnvelopeWriter.CreateFrame(bodyId);
        var op = document.CreateElement("ns", SyncMessageReader.SendMessageResponse, ShepNamespaces.SyncTypes);
        body.AppendChild(op);
        var response = SoapEnvelopeWriter.Add(op, "response");
        var responseInfo = SoapEnvelopeWriter.Add(response, "responseInfo");
        SoapEnvelopeWriter.AddText(responseInfo, "messageId", info.MessageId);
        if (info.CorrelationId is not null)
        {
            SoapEnvelopeWriter.AddText(responseInfo, "correlationId", info.CorrelationId);
        }

        SoapEnvelopeWriter.AddText(responseInfo, "responseDate", LocalClock.Format(info.ResponseDate));
        var status = SoapEnvelopeWriter.Add(responseInfo, "status");
        SoapEnvelopeWriter.AddText(status, "code", info.StatusCode);
        SoapEnvelopeWriter.AddText(status, "message", info.StatusMessage.Length > 250 ? info.StatusMessage[..250] : info.StatusMessage);
        if (info.SessionId is not null)
        {
            SoapEnvelopeWriter.AddText(responseInfo, "sessionId", info.SessionId);
        }

        AddData(SoapEnvelopeWriter.Add(response, "responseData"), data);
        return document;
    }

    /// <summary>A SOAP 1.1 fault: faultcode = errorCode, faultstring = errorMessage, detail = ErrorInfo.</summary>
    public static XmlDocument Fault(ErrorInfo error, string bodyId, string faultElement = SyncMessageReader.FaultElement, string faultNamespace = ShepNamespaces.SyncTypes)
    {
        var (document, body) = SoapEnvelopeWriter.CreateFrame(bodyId);
        var fault = document.CreateElement("soap", "Fault", ShepNamespaces.Soap11);
        body.AppendChild(fault);
        SoapEnvelopeWriter.AddText(fault, "faultcode", error.ErrorCode);
        SoapEnvelopeWriter.AddText(fault, "faultstring", error.ErrorMessage);
        var detail = SoapEnvelopeWriter.Add(fault, "detail");
        var info = document.CreateElement("ns", faultElement, faultNamespace);
        detail.AppendChild(info);
        WriteErrorInfo(info, error);
        return document;
    }

    private static void WriteErrorInfo(XmlElement target, ErrorInfo error)
    {
        SoapEnvelopeWriter.AddText(target, "errorCode", error.ErrorCode);
        SoapEnvelopeWriter.AddText(target, "errorMessage", error.ErrorMessage);
        if (error.ErrorData is not null)
        {
            SoapEnvelopeWriter.AddText(target, "errorData", error.ErrorData);
        }

        SoapEnvelopeWriter.AddText(target, "errorDate", LocalClock.Format(error.ErrorDate));
        if (error.SubError is not null)
        {
            WriteErrorInfo(SoapEnvelopeWriter.Add(target, "subError"), error.SubError);
        }

        if (error.SessionId is not null)
        {
            SoapEnvelopeWriter.AddText(target, "sessionId", error.SessionId);
        }
    }

    private static void AddData(XmlElement container, XmlElement? data)
    {
        if (data is null)
        {
            SoapEnvelopeWriter.Add(container, "data");
            return;
        }

        SoapEnvelopeWriter.CopyData(data, container);
    }
}

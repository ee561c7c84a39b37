using System.Xml;
using ProactiveReissue.Shep.Async;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.IntegrationTests.Infrastructure;

/// <summary>Builds the four async operations the way a participant's client writes them.</summary>
public static class AsyncEnvelopes
{
    public static XmlDocument Send(string serviceId, string messageType, string sender, string password, string? correlationId = null, string data = "<data><application xmlns=\"urn:test:async\"><number>APP-1</number></application></data>") =>
        Operation(AsyncOperations.SendMessage, request =>
        {
            var info = SoapEnvelopeWriter.Add(request, "messageInfo");
            if (correlationId is not null)
            {
                SoapEnvelopeWriter.AddText(info, "correlationId", correlationId);
            }

            SoapEnvelopeWriter.AddText(info, "serviceId", serviceId);
            SoapEnvelopeWriter.AddText(info, "messageType", messageType);
            SoapEnvelopeWriter.AddText(info, "messageDate", "2026-11-22T10:00:00+06:00");
            Sender(info, "sender", sender, password);
            var messageData = SoapEnvelopeWriter.Add(request, "messageData");
            SoapEnvelopeWriter.CopyData(SafeXml.LoadString(data).DocumentElement!, messageData);
        });

    public static XmlDocument GetMessages(string serviceId, string receiver, string password, int amount = 0) =>
        Operation(AsyncOperations.GetMessages, request =>
        {
            Sender(request, "receiver", receiver, password);
            SoapEnvelopeWriter.AddText(request, "serviceId", serviceId);
            SoapEnvelopeWriter.AddText(request, "amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

    public static XmlDocument Notify(string messageId, string receiver, string password, string status, string resend = "RESEND") =>
        Operation(AsyncOperations.SendDeliveryNotification, request =>
        {
            SoapEnvelopeWriter.AddText(request, "messageId", messageId);
            Sender(request, "receiver", receiver, password);
            SoapEnvelopeWriter.AddText(request, "receiveStatus", status);
            SoapEnvelopeWriter.AddText(request, "resendMessage", resend);
        });

    public static XmlDocument Status(string messageId, string sender, string password) =>
        Operation(AsyncOperations.GetMessageStatus, request =>
        {
            SoapEnvelopeWriter.AddText(request, "messageId", messageId);
            Sender(request, "sender", sender, password);
        });

    private static void Sender(XmlElement parent, string name, string senderId, string password)
    {
        var sender = SoapEnvelopeWriter.Add(parent, name);
        SoapEnvelopeWriter.AddText(sender, "senderId", senderId);
        SoapEnvelopeWriter.AddText(sender, "password", password);
    }

    private static XmlDocument Operation(string operation, Action<XmlElement> fill)
    {
        var (document, body) = SoapEnvelopeWriter.CreateFrame(SoapEnvelopeWriter.NewBodyId());
        var op = document.CreateElement("ns", operation, AsyncMessageReader.TypesNamespace);
        body.AppendChild(op);
        fill(SoapEnvelopeWriter.Add(op, "request"));
        return document;
    }
}

using System.Xml;
using ProactiveReissue.Gateway.Sync;
using ProactiveReissue.Shep.Async;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Security;

namespace ProactiveReissue.Gateway.Async;

/// <summary>
/// POST /bip-async-wss-gost/: sendMessage, getMessages, sendDeliveryNotification, getMessageStatus.
/// Same transport signature and access rules as the sync channel; answers and faults signed; an
/// accepted sendMessage is answered only once the message is durable.
/// </summary>
public sealed class AsyncSoapEndpoint(AsyncProcessor processor, WsSecurityVerifier verifier, SoapChannel channel)
{
    public const string Path = "/bip-async-wss-gost/";

    public Task HandleAsync(HttpContext context) => channel.HandleAsync(
        context,
        "async",
        operation => (AsyncOperations.FaultElement(operation.Length == 0 ? AsyncOperations.SendMessage : operation), AsyncMessageReader.TypesNamespace),
        async (soap, exchange) =>
        {
            var request = AsyncMessageReader.Read(soap);
            exchange.Info = Describe(request, exchange.SessionId);
            using var scope = channel.Scope(exchange.Info);
            var signature = verifier.Verify(soap);
            return await DispatchAsync(request, signature, exchange).ConfigureAwait(false);
        });

    private async Task<XmlDocument> DispatchAsync(AsyncRequest request, VerifiedSignature signature, SyncExchange exchange)
    {
        var bodyId = SoapEnvelopeWriter.NewBodyId();
        var cancellationToken = CancellationToken.None;
        switch (request)
        {
            case SendMessageRequest send:
                var message = await processor.SendAsync(send, signature.Certificate, exchange.SessionId, cancellationToken).ConfigureAwait(false);
                exchange.Info = exchange.Info! with { MessageId = message.MessageId, CorrelationId = message.CorrelationId };
                return AsyncMessageWriter.SendMessageResponse(message.MessageId, message.CorrelationId, exchange.Now, exchange.SessionId, bodyId);
            case GetMessagesRequest get:
                var messages = await processor.GetMessagesAsync(get, signature.Certificate, cancellationToken).ConfigureAwait(false);
                return AsyncMessageWriter.GetMessagesResponse(messages.Select(m => (AsyncPushes.Info(m), (XmlElement?)AsyncPushes.Data(m))), bodyId);
            case DeliveryNotificationRequest notification:
                await processor.NotifyAsync(notification, signature.Certificate, cancellationToken).ConfigureAwait(false);
                return AsyncMessageWriter.DeliveryNotificationResponse(bodyId);
            case MessageStatusRequest status:
                var found = await processor.StatusAsync(status, signature.Certificate, cancellationToken).ConfigureAwait(false);
                return AsyncMessageWriter.MessageStatusResponse(found.MessageId, found.State, found.StatusMessage, found.StatusDate, bodyId);
            default:
                throw new ShepException(ShepFaults.BadFormat, "Unknown operation.");
        }
    }

    /// <summary>What the journal and logs say about a request before it is processed.</summary>
    private static RequestInfo Describe(AsyncRequest request, string sessionId) => request switch
    {
        SendMessageRequest s => new RequestInfo(s.Info.MessageId ?? string.Empty, s.Info.CorrelationId, s.Info.ServiceId, s.Info.MessageDate, s.Info.RouteId, s.Info.Sender, s.Info.Properties, sessionId),
        GetMessagesRequest g => new RequestInfo(g.MessageId ?? string.Empty, g.CorrelationId, g.ServiceId, default, null, g.Receiver, [], sessionId),
        DeliveryNotificationRequest n => new RequestInfo(n.MessageId, null, string.Empty, default, null, n.Receiver, [], sessionId),
        MessageStatusRequest m => new RequestInfo(m.MessageId, null, string.Empty, default, null, m.Sender, [], sessionId),
        _ => new RequestInfo(string.Empty, null, string.Empty, default, null, new Sender(string.Empty, null), [], sessionId),
    };
}

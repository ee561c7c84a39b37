using System.Xml;
using Microsoft.Extensions.Options;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Gateway.Observability;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Gateway.Sync;
using ProactiveReissue.Shep.Async;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway.Async;

/// <summary>
/// POST /bip-async-wss-gost/: sendMessage, getMessages, sendDeliveryNotification, getMessageStatus.
/// Same transport signature and access rules as the sync channel; answers and faults signed; an
/// accepted sendMessage is answered only once the message is durable.
/// </summary>
public sealed class AsyncSoapEndpoint(
    AsyncProcessor processor,
    WsSecurityVerifier verifier,
    WsSecuritySigner signer,
    IMessageJournal journal,
    GatewayMetrics metrics,
    TimeProvider time,
    XmlLimits limits,
    IOptions<GatewayOptions> options,
    ILogger<AsyncSoapEndpoint> logger)
{
    public const string Path = "/bip-async-wss-gost/";

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var exchange = new SyncExchange("async", context.Connection.RemoteIpAddress?.ToString(), journal, metrics, time);
        using var sessionScope = logger.BeginScope(new Dictionary<string, object?> { ["SessionId"] = exchange.SessionId });
        var operation = AsyncOperations.SendMessage;
        byte[] answer;
        string? faultCode = null;
        try
        {
            exchange.RequestBytes = await RequestBody.ReadAsync(context.Request, options.Value.Limits.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
            var soap = SoapEnvelopeReader.Read(SafeXml.Load(exchange.RequestBytes, limits));
            operation = soap.Operation.LocalName;
            var request = AsyncMessageReader.Read(soap);
            exchange.Info = Describe(request, exchange.SessionId);
            var signature = verifier.Verify(soap);
            var document = await DispatchAsync(request, signature, exchange).ConfigureAwait(false);
            signer.Sign(document);
            answer = SoapEnvelopeWriter.ToBytes(document);
            Log.Answered(logger, exchange.Channel + ":" + operation, SyncStatus.Success, exchange.ElapsedMilliseconds);
        }
        catch (ShepException ex)
        {
            faultCode = ex.Fault.Code;
            answer = Fault(exchange.ToErrorInfo(ex), operation);
            Log.Refused(logger, exchange.Channel + ":" + operation, ex.Fault.Code, ex.Detail);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            faultCode = ShepFaults.Internal.Code;
            answer = Fault(new ErrorInfo(ShepFaults.Internal.Code, ShepFaults.Internal.Message, exchange.Now, "The gateway failed while handling the message; the operators have the details in the log.", null, exchange.SessionId), operation);
            Log.Failed(logger, exchange.Channel, ex);
        }

        await exchange.CompleteAsync(faultCode, answer, cancellationToken).ConfigureAwait(false);
        context.Response.StatusCode = faultCode is null ? StatusCodes.Status200OK : StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "text/xml; charset=utf-8";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, cancellationToken).ConfigureAwait(false);
    }

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

    private byte[] Fault(ErrorInfo error, string operation)
    {
        var document = SyncMessageWriter.Fault(error, SoapEnvelopeWriter.NewBodyId(), AsyncOperations.FaultElement(operation), AsyncMessageReader.TypesNamespace);
        signer.Sign(document);
        return SoapEnvelopeWriter.ToBytes(document);
    }
}

using System.Xml;
using Microsoft.Extensions.Options;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Gateway.Observability;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway.Sync;

/// <summary>
/// What every SOAP endpoint shares: size limit, safe parsing, the SOAP 1.1 frame, a signed answer or a
/// signed fault (HTTP 500, faultcode = error code, detail = ErrorInfo), the journal and the metrics.
/// The operation decides the rest through <paramref name="handle"/>.
/// </summary>
public sealed class SoapChannel(WsSecuritySigner signer, IMessageJournal journal, GatewayMetrics metrics, TimeProvider time, XmlLimits limits, IOptions<GatewayOptions> options, ILogger<SoapChannel> logger)
{
    /// <param name="faultElement">The detail element for a fault of the operation: (operation name) → (element, namespace).</param>
    public async Task HandleAsync(HttpContext context, string channel, Func<string, (string Element, string Namespace)> faultElement, Func<SoapMessage, SyncExchange, Task<XmlDocument>> handle)
    {
        var cancellationToken = context.RequestAborted;
        var exchange = new SyncExchange(channel, context.Connection.RemoteIpAddress?.ToString(), journal, metrics, time);
        using var sessionScope = logger.BeginScope(new Dictionary<string, object?> { ["SessionId"] = exchange.SessionId });
        var operation = string.Empty;
        byte[] answer;
        string? faultCode = null;
        try
        {
            exchange.RequestBytes = await RequestBody.ReadAsync(context.Request, options.Value.Limits.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
            var soap = SoapEnvelopeReader.Read(SafeXml.Load(exchange.RequestBytes, limits));
            operation = soap.Operation.LocalName;
            var document = await handle(soap, exchange).ConfigureAwait(false);
            signer.Sign(document);
            answer = SoapEnvelopeWriter.ToBytes(document);
            Log.Answered(logger, channel, SyncStatus.Success, exchange.ElapsedMilliseconds);
        }
        catch (ShepException ex)
        {
            faultCode = ex.Fault.Code;
            answer = Fault(exchange.ToErrorInfo(ex), faultElement(operation));
            Log.Refused(logger, channel, ex.Fault.Code, ex.Detail);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            faultCode = ShepFaults.Internal.Code;
            answer = Fault(new ErrorInfo(ShepFaults.Internal.Code, ShepFaults.Internal.Message, exchange.Now, "The gateway failed while handling the message; the operators have the details in the log.", null, exchange.SessionId), faultElement(operation));
            Log.Failed(logger, channel, ex);
        }

        try
        {
            await exchange.CompleteAsync(faultCode, answer, cancellationToken).ConfigureAwait(false);
        }
        catch (ShepException ex)
        {
            // The journal's store is unreachable (shared Redis down): nothing is acknowledged unjournalled; the caller gets the fault.
            faultCode = ex.Fault.Code;
            answer = Fault(exchange.ToErrorInfo(ex), faultElement(operation));
            Log.Refused(logger, channel, ex.Fault.Code, ex.Detail);
        }

        context.Response.StatusCode = faultCode is null ? StatusCodes.Status200OK : StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "text/xml; charset=utf-8";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Log scope with the message's identifiers, for every line written while it is processed.</summary>
    public IDisposable? Scope(RequestInfo info) => logger.BeginScope(new Dictionary<string, object?>
    {
        ["MessageId"] = info.MessageId,
        ["CorrelationId"] = info.CorrelationId,
        ["ServiceId"] = info.ServiceId,
        ["SenderId"] = info.Sender.SenderId,
    });

    private byte[] Fault(ErrorInfo error, (string Element, string Namespace) detail)
    {
        var document = SyncMessageWriter.Fault(error, SoapEnvelopeWriter.NewBodyId(), detail.Element, detail.Namespace);
        signer.Sign(document);
        return SoapEnvelopeWriter.ToBytes(document);
    }
}

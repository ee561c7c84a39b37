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
/// POST /bip-sync-wss-gost/: the SOAP 1.1 SyncChannel. Every answer, success or fault, is signed by the
/// gateway and journaled before it is written.
/// </summary>
public sealed class SoapSyncEndpoint(
    SyncProcessor processor,
    WsSecurityVerifier verifier,
    WsSecuritySigner signer,
    IMessageJournal journal,
    GatewayMetrics metrics,
    TimeProvider time,
    XmlLimits limits,
    IOptions<GatewayOptions> options,
    ILogger<SoapSyncEndpoint> logger)
{
    public const string Path = "/bip-sync-wss-gost/";

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var exchange = new SyncExchange("soap", context.Connection.RemoteIpAddress?.ToString(), journal, metrics, time);
        using var sessionScope = logger.BeginScope(new Dictionary<string, object?> { ["SessionId"] = exchange.SessionId });
        IDisposable? messageScope = null;
        byte[] answer;
        string? faultCode = null;
        try
        {
            exchange.RequestBytes = await RequestBody.ReadAsync(context.Request, options.Value.Limits.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
            var soap = SoapEnvelopeReader.Read(SafeXml.Load(exchange.RequestBytes, limits));
            var request = SyncMessageReader.ReadRequest(soap);
            exchange.Info = request.Info with { SessionId = exchange.SessionId };
            messageScope = logger.BeginScope(new Dictionary<string, object?>
            {
                ["MessageId"] = request.Info.MessageId,
                ["CorrelationId"] = request.Info.CorrelationId,
                ["ServiceId"] = request.Info.ServiceId,
                ["SenderId"] = request.Info.Sender.SenderId,
            });
            var signature = verifier.Verify(soap);
            var response = await processor.ProcessAsync(exchange.Info, request.Data, signature.Certificate, exchange.ProviderHops, cancellationToken).ConfigureAwait(false);
            var info = response.Info with { SessionId = exchange.SessionId, CorrelationId = response.Info.CorrelationId ?? request.Info.CorrelationId };
            var document = SyncMessageWriter.Response(info, response.Data, SoapEnvelopeWriter.NewBodyId());
            signer.Sign(document);
            answer = SoapEnvelopeWriter.ToBytes(document);
            Log.Answered(logger, exchange.Channel, info.StatusCode, exchange.ElapsedMilliseconds);
        }
        catch (ShepException ex)
        {
            faultCode = ex.Fault.Code;
            answer = Fault(exchange.ToErrorInfo(ex));
            Log.Refused(logger, exchange.Channel, ex.Fault.Code, ex.Detail);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            faultCode = ShepFaults.Internal.Code;
            answer = Fault(new ErrorInfo(ShepFaults.Internal.Code, ShepFaults.Internal.Message, exchange.Now, "The gateway failed while handling the message; the operators have the details in the log.", null, exchange.SessionId));
            Log.Failed(logger, exchange.Channel, ex);
        }
        finally
        {
            messageScope?.Dispose();
        }

        await exchange.CompleteAsync(faultCode, answer, cancellationToken).ConfigureAwait(false);
        context.Response.StatusCode = faultCode is null ? StatusCodes.Status200OK : StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "text/xml; charset=utf-8";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, cancellationToken).ConfigureAwait(false);
    }

    private byte[] Fault(ErrorInfo error)
    {
        var document = SyncMessageWriter.Fault(error, SoapEnvelopeWriter.NewBodyId());
        signer.Sign(document);
        return SoapEnvelopeWriter.ToBytes(document);
    }
}

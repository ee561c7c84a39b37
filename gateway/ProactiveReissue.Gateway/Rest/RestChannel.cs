using Microsoft.Extensions.Options;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Gateway.Observability;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Gateway.Sync;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Security;

namespace ProactiveReissue.Gateway.Rest;

/// <summary>
/// What every REST operation shares: body size limit, journal and metrics, RFC 9457 problems carrying
/// the catalogue's codes, and the gateway's detached JWS on every answer.
/// </summary>
public sealed class RestChannel(WsSecuritySigner signer, IMessageJournal journal, GatewayMetrics metrics, TimeProvider time, IOptions<GatewayOptions> options, ILogger<RestChannel> logger)
{
    public async Task HandleAsync(HttpContext context, string channel, Func<RestCall, Task<object>> handle)
    {
        var cancellationToken = context.RequestAborted;
        var exchange = new SyncExchange(channel, context.Connection.RemoteIpAddress?.ToString(), journal, metrics, time);
        using var sessionScope = logger.BeginScope(new Dictionary<string, object?> { ["SessionId"] = exchange.SessionId });
        byte[] answer;
        string? faultCode = null;
        var status = StatusCodes.Status200OK;
        try
        {
            exchange.RequestBytes = await RequestBody.ReadAsync(context.Request, options.Value.Limits.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
            var result = await handle(new RestCall(context, exchange)).ConfigureAwait(false);
            answer = RestCodec.Serialize(result);
            context.Response.ContentType = "application/json; charset=utf-8";
            Log.Answered(logger, channel, "SCSS001", exchange.ElapsedMilliseconds);
        }
        catch (ShepException ex)
        {
            faultCode = ex.Fault.Code;
            status = ex.Fault.HttpStatus;
            answer = RestCodec.Problem(exchange.ToErrorInfo(ex), status);
            context.Response.ContentType = "application/problem+json; charset=utf-8";
            Log.Refused(logger, channel, ex.Fault.Code, ex.Detail);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            faultCode = ShepFaults.Internal.Code;
            status = ShepFaults.Internal.HttpStatus;
            answer = RestCodec.Problem(new ErrorInfo(ShepFaults.Internal.Code, ShepFaults.Internal.Message, exchange.Now, "The gateway failed while handling the message; the operators have the details in the log.", null, exchange.SessionId), status);
            context.Response.ContentType = "application/problem+json; charset=utf-8";
            Log.Failed(logger, channel, ex);
        }

        try
        {
            await exchange.CompleteAsync(faultCode, answer, cancellationToken).ConfigureAwait(false);
        }
        catch (ShepException ex)
        {
            // The journal's store is unreachable (shared Redis down): nothing is acknowledged unjournalled; the caller gets the fault.
            status = ex.Fault.HttpStatus;
            answer = RestCodec.Problem(exchange.ToErrorInfo(ex), status);
            context.Response.ContentType = "application/problem+json; charset=utf-8";
            Log.Refused(logger, channel, ex.Fault.Code, ex.Detail);
        }

        context.Response.StatusCode = status;
        context.Response.Headers[DetachedJws.HeaderName] = DetachedJws.Sign(answer, signer.Credentials);
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, cancellationToken).ConfigureAwait(false);
    }
}

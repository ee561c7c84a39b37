using System.Text.Json;
using System.Xml;
using Microsoft.Extensions.Options;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Gateway.Observability;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Gateway.Sync;
using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Time;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway.Rest;

/// <summary>
/// POST /api/v1/sync/send-message: the REST twin of SendMessage. Same checks, same providers (reached
/// over SOAP), answers signed with a detached JWS, faults as RFC 9457 problem details with the same codes.
/// </summary>
public sealed class RestSyncEndpoint(
    SyncProcessor processor,
    WsSecuritySigner signer,
    IMessageJournal journal,
    GatewayMetrics metrics,
    TimeProvider time,
    XmlLimits limits,
    IOptions<GatewayOptions> options,
    ILogger<RestSyncEndpoint> logger)
{
    public const string Path = "/api/v1/sync/send-message";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var exchange = new SyncExchange("rest", context.Connection.RemoteIpAddress?.ToString(), journal, metrics, time);
        using var sessionScope = logger.BeginScope(new Dictionary<string, object?> { ["SessionId"] = exchange.SessionId });
        byte[] answer;
        string? faultCode = null;
        var status = StatusCodes.Status200OK;
        try
        {
            exchange.RequestBytes = await RequestBody.ReadAsync(context.Request, options.Value.Limits.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
            var (info, data) = Parse(exchange.RequestBytes, exchange.SessionId);
            exchange.Info = info;
            using var messageScope = logger.BeginScope(new Dictionary<string, object?>
            {
                ["MessageId"] = info.MessageId,
                ["CorrelationId"] = info.CorrelationId,
                ["ServiceId"] = info.ServiceId,
                ["SenderId"] = info.Sender.SenderId,
            });
            var certificate = DetachedJws.Verify(context.Request.Headers[DetachedJws.HeaderName], exchange.RequestBytes);
            var response = await processor.ProcessAsync(info, data, certificate, exchange.ProviderHops, cancellationToken).ConfigureAwait(false);
            var body = new RestSendMessageResponse(
                new RestResponseInfo(response.Info.MessageId, response.Info.CorrelationId ?? info.CorrelationId, LocalClock.Format(response.Info.ResponseDate),
                    new RestStatus(response.Info.StatusCode, response.Info.StatusMessage), exchange.SessionId),
                ToRestData(response.Data));
            answer = JsonSerializer.SerializeToUtf8Bytes(body, Json);
            context.Response.ContentType = "application/json; charset=utf-8";
            Log.Answered(logger, exchange.Channel, response.Info.StatusCode, exchange.ElapsedMilliseconds);
        }
        catch (ShepException ex)
        {
            faultCode = ex.Fault.Code;
            status = ex.Fault.HttpStatus;
            answer = Problem(exchange.ToErrorInfo(ex), ex.Fault.HttpStatus);
            context.Response.ContentType = "application/problem+json; charset=utf-8";
            Log.Refused(logger, exchange.Channel, ex.Fault.Code, ex.Detail);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            faultCode = ShepFaults.Internal.Code;
            status = ShepFaults.Internal.HttpStatus;
            answer = Problem(new ErrorInfo(ShepFaults.Internal.Code, ShepFaults.Internal.Message, exchange.Now, "The gateway failed while handling the message; the operators have the details in the log.", null, exchange.SessionId), status);
            context.Response.ContentType = "application/problem+json; charset=utf-8";
            Log.Failed(logger, exchange.Channel, ex);
        }

        await exchange.CompleteAsync(faultCode, answer, cancellationToken).ConfigureAwait(false);
        context.Response.StatusCode = status;
        context.Response.Headers[DetachedJws.HeaderName] = DetachedJws.Sign(answer, signer.Credentials);
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, cancellationToken).ConfigureAwait(false);
    }

    private (RequestInfo Info, XmlElement? Data) Parse(byte[] body, string sessionId)
    {
        RestSendMessageRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<RestSendMessageRequest>(body, Json);
        }
        catch (JsonException ex)
        {
            throw new ShepException(ShepFaults.BadFormat, $"The body is not valid JSON: {ex.Message}", inner: ex);
        }

        var ri = request?.RequestInfo ?? throw new ShepException(ShepFaults.BadFormat, "requestInfo is missing.");
        if (string.IsNullOrWhiteSpace(ri.MessageId) || string.IsNullOrWhiteSpace(ri.ServiceId) || string.IsNullOrWhiteSpace(ri.Sender?.SenderId))
        {
            throw new ShepException(ShepFaults.BadFormat, "requestInfo needs messageId, serviceId and sender.senderId.");
        }

        if (!LocalClock.TryParse(ri.MessageDate, out var messageDate))
        {
            throw new ShepException(ShepFaults.BadFormat, $"messageDate '{ri.MessageDate}' is not an ISO-8601 date-time.");
        }

        var properties = (ri.Properties ?? []).Select(p => new MessageProperty(p.Key, p.Value)).ToList();
        if (properties.Any(p => p.Key.Length > MessageProperty.MaxKeyLength || p.Value.Length > MessageProperty.MaxValueLength))
        {
            throw new ShepException(ShepFaults.BadFormat, "A property exceeds the limits (key ≤ 30, value ≤ 500 characters).");
        }

        var info = new RequestInfo(ri.MessageId, ri.CorrelationId, ri.ServiceId, messageDate, ri.RouteId,
            new Sender(ri.Sender!.SenderId!, ri.Sender.Password), properties, sessionId);
        return (info, ToXmlData(request!.RequestData));
    }

    private XmlElement ToXmlData(RestData? data)
    {
        var document = SafeXml.NewDocument();
        var element = document.CreateElement("data");
        document.AppendChild(element);
        if (data?.Xml is { } xml)
        {
            var payload = SafeXml.LoadString(xml, limits);
            element.AppendChild(document.ImportNode(payload.DocumentElement!, deep: true));
        }
        else if (data?.Data is { } json || data?.Text is not null)
        {
            var text = data.Text ?? data.Data!.Value.GetRawText();
            element.SetAttribute("xmlns:xs", ShepNamespaces.Xsd);
            var type = document.CreateAttribute("xsi", "type", ShepNamespaces.Xsi);
            type.Value = "xs:string";
            element.Attributes.Append(type);
            element.AppendChild(document.CreateTextNode(text));
        }

        return element;
    }

    private static RestData ToRestData(XmlElement? data)
    {
        if (data is null)
        {
            return new RestData(null, null, null);
        }

        var first = data.ChildNodes.OfType<XmlElement>().FirstOrDefault();
        return first is not null ? new RestData(null, first.OuterXml, null) : new RestData(null, null, data.InnerText);
    }

    private byte[] Problem(ErrorInfo error, int status) =>
        JsonSerializer.SerializeToUtf8Bytes(ToProblem(error, status), Json);

    private static Dictionary<string, object?> ToProblem(ErrorInfo error, int? status)
    {
        var fault = ShepFaults.Find(error.ErrorCode);
        var problem = new Dictionary<string, object?>
        {
            ["type"] = "urn:proactive-reissue:fault:" + error.ErrorCode,
            ["title"] = fault?.MessageEn ?? error.ErrorMessage,
            ["status"] = status,
            ["detail"] = error.ErrorData,
            ["code"] = error.ErrorCode,
            ["errorMessage"] = error.ErrorMessage,
            ["errorDate"] = LocalClock.Format(error.ErrorDate),
            ["sessionId"] = error.SessionId,
        };
        if (error.SubError is not null)
        {
            problem["subError"] = new Dictionary<string, object?>
            {
                ["code"] = error.SubError.ErrorCode,
                ["errorMessage"] = error.SubError.ErrorMessage,
                ["detail"] = error.SubError.ErrorData,
                ["errorDate"] = LocalClock.Format(error.SubError.ErrorDate),
            };
        }

        return problem;
    }
}

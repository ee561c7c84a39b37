using System.Xml;
using ProactiveReissue.Gateway.Sync;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway.Rest;

/// <summary>
/// POST /api/v1/sync/send-message: the REST twin of SendMessage. Same checks, same providers (reached
/// over SOAP), answers signed with a detached JWS, faults as RFC 9457 problem details with the same codes.
/// </summary>
public sealed class RestSyncEndpoint(SyncProcessor processor, RestChannel channel, XmlLimits limits)
{
    public const string Path = "/api/v1/sync/send-message";

    public Task HandleAsync(HttpContext context) => channel.HandleAsync(context, "rest", async call =>
    {
        var (info, data) = Parse(call.Body, call.Exchange.SessionId);
        call.Exchange.Info = info;
        var certificate = call.VerifySigner();
        var response = await processor.ProcessAsync(info, data, certificate, call.Exchange.ProviderHops, call.CancellationToken).ConfigureAwait(false);
        return new RestSendMessageResponse(
            new RestResponseInfo(response.Info.MessageId, response.Info.CorrelationId ?? info.CorrelationId, LocalClock.Format(response.Info.ResponseDate),
                new RestStatus(response.Info.StatusCode, response.Info.StatusMessage), call.Exchange.SessionId),
            RestCodec.ToRestData(response.Data));
    });

    private (RequestInfo Info, XmlElement? Data) Parse(byte[] body, string sessionId)
    {
        var request = RestCodec.Deserialize<RestSendMessageRequest>(body);

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
        return (info, RestCodec.ToXmlData(request!.RequestData, limits));
    }
}

using Microsoft.Extensions.Logging;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.Sms;

/// <summary>
/// SMS through the portal: send (<c>PORTAL_SMS_Send</c>) and read the replies that arrived since
/// (<c>PORTAL_SMS_Replies</c>). Schema: Schemas/portal-sms.xsd. A send with a request id is idempotent (the portal
/// sends at most one SMS per request id) and is retried; a send without one goes once, since a second SMS is not harmless.
/// </summary>
public sealed class SmsAdapter(HttpClient http, SmsOptions options, TimeProvider time, ILogger? logger = null)
{
    public const string SendServiceId = "PORTAL_SMS_Send";
    public const string RepliesServiceId = "PORTAL_SMS_Replies";

    public ShepSyncClient Client { get; } = new(http, options, time, logger);

    /// <summary>Sends <paramref name="text"/> to <paramref name="phone"/>; Found carries the portal's delivery id.</summary>
    public async Task<AdapterOutcome<string>> SendAsync(string phone, string text, string language, string? requestId, CancellationToken cancellationToken)
    {
        var payload = Payload.Create("SmsSendRequest", ("requestId", requestId), ("phone", phone), ("language", language), ("text", text));
        var kind = requestId is null ? CallKind.Write : CallKind.IdempotentWrite;
        var answer = await Client.SendAsync(SendServiceId, payload, kind, signPayload: false, cancellationToken).ConfigureAwait(false);
        return Payload.Map(answer, SendServiceId, r => AdapterOutcome<string>.Found(Payload.Required(r, "deliveryId")));
    }

    /// <summary>Replies received for a delivery id so far (empty while the person has not answered).</summary>
    public async Task<AdapterOutcome<IReadOnlyList<SmsReply>>> GetRepliesAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var payload = Payload.Create("SmsRepliesRequest", ("deliveryId", deliveryId));
        var answer = await Client.SendAsync(RepliesServiceId, payload, CallKind.Read, signPayload: false, cancellationToken).ConfigureAwait(false);
        return Payload.Map(answer, RepliesServiceId, r => AdapterOutcome<IReadOnlyList<SmsReply>>.Found(
            Payload.Children(r, "reply").Select(x => new SmsReply(
                Payload.Required(x, "deliveryId"), Payload.Required(x, "text"), Payload.DateTime(Payload.Text(x, "receivedAt")))).ToList()));
    }
}

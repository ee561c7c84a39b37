using ProactiveReissue.Gateway.Async;
using ProactiveReissue.Shep.Async;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway.Rest;

/// <summary>
/// REST twin of the asynchronous channel: POST /api/v1/async/{send-message, get-messages,
/// send-delivery-notification, get-message-status}, JWS-signed both ways, same rules and states.
/// </summary>
public sealed class RestAsyncEndpoints(AsyncProcessor processor, RestChannel channel, XmlLimits limits)
{
    public const string Prefix = "/api/v1/async/";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Prefix + "send-message", (HttpContext c) => channel.HandleAsync(c, "rest-async", SendAsync));
        app.MapPost(Prefix + "get-messages", (HttpContext c) => channel.HandleAsync(c, "rest-async", GetMessagesAsync));
        app.MapPost(Prefix + "send-delivery-notification", (HttpContext c) => channel.HandleAsync(c, "rest-async", NotifyAsync));
        app.MapPost(Prefix + "get-message-status", (HttpContext c) => channel.HandleAsync(c, "rest-async", StatusAsync));
    }

    private async Task<object> SendAsync(RestCall call)
    {
        var body = RestCodec.Deserialize<RestAsyncSend>(call.Body);
        var mi = body.MessageInfo ?? throw new ShepException(ShepFaults.BadFormat, "messageInfo is missing.");
        if (string.IsNullOrWhiteSpace(mi.ServiceId) || string.IsNullOrWhiteSpace(mi.MessageType) || !AsyncNames.MessageTypes.Contains(mi.MessageType))
        {
            throw new ShepException(ShepFaults.BadFormat, "messageInfo needs serviceId and messageType REQUEST, RESPONSE, NOTIFICATION or UPDATE.");
        }

        if (!LocalClock.TryParse(mi.MessageDate, out var date))
        {
            throw new ShepException(ShepFaults.BadFormat, $"messageDate '{mi.MessageDate}' is not an ISO-8601 date-time.");
        }

        var info = new AsyncMessageInfo(mi.MessageId, string.IsNullOrWhiteSpace(mi.CorrelationId) ? null : mi.CorrelationId, mi.ServiceId, mi.MessageType, mi.RouteId, date,
            Sender(mi.Sender), (mi.Properties ?? []).Select(p => new MessageProperty(p.Key, p.Value)).ToList(), call.Exchange.SessionId);
        call.Exchange.Info = new RequestInfo(mi.MessageId ?? string.Empty, info.CorrelationId, info.ServiceId, date, info.RouteId, info.Sender, info.Properties, call.Exchange.SessionId);
        var message = await processor.SendAsync(new SendMessageRequest(info, RestCodec.ToXmlData(body.MessageData, limits)), call.VerifySigner(), call.Exchange.SessionId, call.CancellationToken).ConfigureAwait(false);
        call.Exchange.Info = call.Exchange.Info with { MessageId = message.MessageId, CorrelationId = message.CorrelationId };
        return new RestAsyncSendResult(message.MessageId, message.CorrelationId, LocalClock.Format(call.Exchange.Now), new RestStatus(SyncStatus.Success, "Message accepted by the bus for delivery"), call.Exchange.SessionId);
    }

    private async Task<object> GetMessagesAsync(RestCall call)
    {
        var body = RestCodec.Deserialize<RestGetMessages>(call.Body);
        var amount = body.Amount is null or 0 ? AsyncMessageReader.DefaultAmount : Math.Clamp(body.Amount.Value, 1, AsyncMessageReader.MaxAmount);
        var request = new GetMessagesRequest(body.MessageId, body.CorrelationId, Sender(body.Receiver), Required(body.ServiceId, "serviceId"), amount);
        var messages = await processor.GetMessagesAsync(request, call.VerifySigner(), call.CancellationToken).ConfigureAwait(false);
        return new RestGetMessagesResult(messages.Select(m =>
        {
            var info = AsyncPushes.Info(m);
            return new RestAsyncMessage(
                new RestAsyncMessageInfo(info.MessageId, info.CorrelationId, info.ServiceId, info.MessageType, info.RouteId, LocalClock.Format(info.MessageDate),
                    new RestSender(info.Sender.SenderId, null), info.Properties.Select(p => new RestProperty(p.Key, p.Value)).ToList()),
                RestCodec.ToRestData(AsyncPushes.Data(m)));
        }).ToList());
    }

    private async Task<object> NotifyAsync(RestCall call)
    {
        var body = RestCodec.Deserialize<RestDeliveryNotification>(call.Body);
        var status = Required(body.ReceiveStatus, "receiveStatus");
        if (status is not (AsyncNames.Accepted or AsyncNames.NotAccepted))
        {
            throw new ShepException(ShepFaults.BadFormat, $"receiveStatus '{status}' is not MESSAGE_ACCEPTED or MESSAGE_NOT_ACCTEPTED.");
        }

        var request = new DeliveryNotificationRequest(Required(body.MessageId, "messageId"), Sender(body.Receiver), status, body.ResendMessage ?? AsyncNames.Resend, null);
        await processor.NotifyAsync(request, call.VerifySigner(), call.CancellationToken).ConfigureAwait(false);
        return new { status = new RestStatus(SyncStatus.Success, "Notification recorded") };
    }

    private async Task<object> StatusAsync(RestCall call)
    {
        var body = RestCodec.Deserialize<RestMessageStatusRequest>(call.Body);
        var message = await processor.StatusAsync(new MessageStatusRequest(Required(body.MessageId, "messageId"), Sender(body.Sender)), call.VerifySigner(), call.CancellationToken).ConfigureAwait(false);
        return new RestMessageStatus(message.MessageId, message.State, new RestStateStatus(message.State, message.StatusMessage, LocalClock.Format(message.StatusDate)));
    }

    private static Sender Sender(RestSender? sender) =>
        string.IsNullOrWhiteSpace(sender?.SenderId)
            ? throw new ShepException(ShepFaults.BadFormat, "senderId is missing.")
            : new Sender(sender.SenderId, sender.Password);

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ShepException(ShepFaults.BadFormat, $"{name} is missing.") : value;
}

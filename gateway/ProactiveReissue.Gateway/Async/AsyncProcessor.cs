using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Xml;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Gateway.Sync;
using ProactiveReissue.Queue;
using ProactiveReissue.Shep.Async;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway.Async;

/// <summary>
/// The asynchronous channel: the bus assigns messageId and correlationId, enforces the message type
/// rules, keeps the message until it is delivered — pushed through the durable queue to a recipient
/// with an IAsyncChannelClient endpoint, or picked up with getMessages — and tracks its state
/// ON_DELIVERY → DELIVERED | NOT_DELIVERED | DELIVERY_STOPPED, pushing each change to a sender that
/// has an endpoint.
/// </summary>
public sealed class AsyncProcessor(AccessGuard guard, ParticipantRegistry participants, IAsyncMessageStore store, AsyncPushes pushes, TimeProvider time)
{
    public async Task<AsyncMessage> SendAsync(SendMessageRequest request, X509Certificate2 signer, string sessionId, CancellationToken cancellationToken)
    {
        var info = request.Info;
        var messageId = SoapEnvelopeWriter.NewMessageId(time.GetUtcNow());
        var check = new RequestInfo(info.MessageId ?? messageId, info.CorrelationId, info.ServiceId, info.MessageDate, info.RouteId, info.Sender, info.Properties, sessionId);
        var (sender, route) = await guard.CheckAsync(check, request.Data, signer, cancellationToken).ConfigureAwait(false);
        var (correlationId, recipient) = await AddressAsync(info, sender, route.Recipient, messageId, cancellationToken).ConfigureAwait(false);

        var now = LocalClock.Now(time);
        var message = new AsyncMessage(messageId, correlationId, info.ServiceId, info.MessageType, sender.SenderId, recipient, info.RouteId, info.MessageDate,
            JsonSerializer.Serialize(info.Properties.Select(p => new[] { p.Key, p.Value })), DataXml(request.Data), AsyncNames.OnDelivery, "Accepted by the bus", now, now);
        await store.AddAsync(message, cancellationToken).ConfigureAwait(false);
        try
        {
            await pushes.PushMessageAsync(message, sessionId, cancellationToken).ConfigureAwait(false);
        }
        catch (QueueFullException ex)
        {
            await store.SetStateAsync(messageId, AsyncNames.NotDelivered, "Outbound queue full", now, CancellationToken.None).ConfigureAwait(false);
            throw new ShepException(ShepFaults.QueueFull, ex.Message);
        }
        catch (QueueUnavailableException ex)
        {
            // Never acknowledge what was not stored: the sender is told, and may send again.
            await store.SetStateAsync(messageId, AsyncNames.NotDelivered, "Outbound queue unreachable", now, CancellationToken.None).ConfigureAwait(false);
            throw new ShepException(ShepFaults.QueueUnavailable, $"The outbound queue could not store the message: {ex.Message}", inner: ex);
        }

        return message;
    }

    public async Task<IReadOnlyList<AsyncMessage>> GetMessagesAsync(GetMessagesRequest request, X509Certificate2 signer, CancellationToken cancellationToken)
    {
        var receiver = await guard.AuthenticateAsync(request.Receiver, signer, cancellationToken).ConfigureAwait(false);
        return await store.PendingForAsync(receiver.SenderId, request.ServiceId, request.MessageId, request.CorrelationId, request.Amount, cancellationToken).ConfigureAwait(false);
    }

    public async Task NotifyAsync(DeliveryNotificationRequest request, X509Certificate2 signer, CancellationToken cancellationToken)
    {
        var receiver = await guard.AuthenticateAsync(request.Receiver, signer, cancellationToken).ConfigureAwait(false);
        var message = await FindAsync(request.MessageId, cancellationToken).ConfigureAwait(false);
        if (message.Recipient != receiver.SenderId)
        {
            throw new ShepException(ShepFaults.NotAParty, $"Message '{request.MessageId}' is not addressed to '{receiver.SenderId}'.");
        }

        if (request.ReceiveStatus == AsyncNames.Accepted)
        {
            await pushes.ChangeStateAsync(message, AsyncNames.Delivered, "Accepted by the recipient", cancellationToken).ConfigureAwait(false);
        }
        else if (request.ResendMessage == AsyncNames.NotResend)
        {
            await pushes.ChangeStateAsync(message, AsyncNames.NotDelivered, request.Error?.ErrorMessage ?? "Refused by the recipient", cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<AsyncMessage> StatusAsync(MessageStatusRequest request, X509Certificate2 signer, CancellationToken cancellationToken)
    {
        var caller = await guard.AuthenticateAsync(request.Sender, signer, cancellationToken).ConfigureAwait(false);
        var message = await FindAsync(request.MessageId, cancellationToken).ConfigureAwait(false);
        if (message.Sender != caller.SenderId && message.Recipient != caller.SenderId)
        {
            throw new ShepException(ShepFaults.NotAParty, $"'{caller.SenderId}' is neither the sender nor the recipient of message '{request.MessageId}'.");
        }

        return message;
    }

    /// <summary>The type rules: who a message goes to and which conversation it belongs to.</summary>
    private async Task<(string CorrelationId, string Recipient)> AddressAsync(AsyncMessageInfo info, Participant sender, string? serviceRecipient, string messageId, CancellationToken cancellationToken)
    {
        if (info.MessageType == AsyncNames.Request)
        {
            if (info.CorrelationId is not null)
            {
                throw new ShepException(ShepFaults.MessageTypeRule, "A REQUEST opens a conversation: its correlationId must be empty (the bus assigns it).");
            }

            var recipient = serviceRecipient ?? throw new ShepException(ShepFaults.UnknownService, $"Service '{info.ServiceId}' has no asynchronous recipient.");
            if (participants.Find(recipient) is null)
            {
                throw new ShepException(ShepFaults.UnknownService, $"The recipient '{recipient}' of service '{info.ServiceId}' is not a registered participant.");
            }

            return (messageId, recipient);
        }

        if (info.CorrelationId is null)
        {
            throw new ShepException(ShepFaults.MessageTypeRule, $"A {info.MessageType} must carry the correlationId of the REQUEST it belongs to.");
        }

        var original = await FindAsync(info.CorrelationId, cancellationToken).ConfigureAwait(false);
        if (original.ServiceId != info.ServiceId || original.MessageType != AsyncNames.Request)
        {
            throw new ShepException(ShepFaults.MessageTypeRule, $"correlationId '{info.CorrelationId}' names a {original.MessageType} of service '{original.ServiceId}', not a REQUEST of '{info.ServiceId}'.");
        }

        var (expectedSender, recipientOf) = info.MessageType == AsyncNames.Update ? (original.Sender, original.Recipient) : (original.Recipient, original.Sender);
        if (sender.SenderId != expectedSender)
        {
            throw new ShepException(ShepFaults.NotAParty, $"Only '{expectedSender}' may send a {info.MessageType} in conversation '{info.CorrelationId}'.");
        }

        return (original.CorrelationId, recipientOf);
    }

    private async Task<AsyncMessage> FindAsync(string messageId, CancellationToken cancellationToken) =>
        await store.FindAsync(messageId, cancellationToken).ConfigureAwait(false)
            ?? throw new ShepException(ShepFaults.UnknownMessage, $"No message '{messageId}' is known to the bus.");

    private static string DataXml(XmlElement? data)
    {
        var document = SafeXml.NewDocument();
        var holder = document.CreateElement("holder");
        document.AppendChild(holder);
        if (data is null)
        {
            holder.AppendChild(document.CreateElement("data"));
        }
        else
        {
            SoapEnvelopeWriter.CopyData(data, holder);
        }

        return holder.FirstChild!.OuterXml;
    }
}

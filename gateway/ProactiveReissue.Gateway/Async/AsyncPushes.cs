using System.Text.Json;
using System.Xml;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Queue;
using ProactiveReissue.Shep.Async;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Time;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway.Async;

/// <summary>
/// What the bus pushes to participants' IAsyncChannelClient endpoints, always through the durable
/// queue: messages (ordered per conversation) and changeMassageStatusNotification to their senders.
/// </summary>
public sealed class AsyncPushes(ParticipantRegistry participants, IAsyncMessageStore store, IQueueStore queue, WsSecuritySigner signer, TimeProvider time)
{
    public const string StatusPrefix = "status:";
    private const string ContentType = "text/xml; charset=utf-8";

    /// <summary>Queues the message for the recipient's endpoint; nothing to do for a recipient that pulls.</summary>
    public async Task PushMessageAsync(AsyncMessage message, string? sessionId, CancellationToken cancellationToken)
    {
        var endpoint = participants.Find(message.Recipient)?.PushUrl;
        if (endpoint is null)
        {
            return;
        }

        var document = AsyncMessageWriter.Push(Info(message, sessionId), Data(message), SoapEnvelopeWriter.NewBodyId());
        signer.Sign(document);
        await queue.EnqueueAsync([new OutboundMessage(message.MessageId, endpoint.ToString(), message.CorrelationId, ContentType, SoapEnvelopeWriter.ToBytes(document))], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves the message out of ON_DELIVERY and tells its sender, once.</summary>
    public async Task ChangeStateAsync(AsyncMessage message, string state, string statusMessage, CancellationToken cancellationToken)
    {
        var now = LocalClock.Now(time);
        if (!await store.SetStateAsync(message.MessageId, state, statusMessage, now, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var endpoint = participants.Find(message.Sender)?.PushUrl;
        if (endpoint is null)
        {
            return;
        }

        var document = AsyncMessageWriter.StatusNotification(message.MessageId, message.CorrelationId, state, statusMessage, now, SoapEnvelopeWriter.NewBodyId());
        signer.Sign(document);
        await queue.EnqueueAsync(
            [new OutboundMessage($"{StatusPrefix}{message.MessageId}:{state}", endpoint.ToString(), StatusPrefix + message.CorrelationId, ContentType, SoapEnvelopeWriter.ToBytes(document))],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// At start: every message still ON_DELIVERY to a recipient with an endpoint is queued again. The
    /// queue ignores a messageId it still holds, so only pushes lost between store and queue are redone.
    /// </summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var participant in participants.All.Where(p => p.PushUrl is not null))
        {
            foreach (var message in await store.OnDeliveryToAsync(participant.SenderId, cancellationToken).ConfigureAwait(false))
            {
                await PushMessageAsync(message, null, cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        return count;
    }

    public static AsyncMessageInfo Info(AsyncMessage message, string? sessionId = null) => new(
        message.MessageId,
        message.CorrelationId,
        message.ServiceId,
        message.MessageType,
        message.RouteId,
        message.MessageDate,
        new Sender(message.Sender, null),
        JsonSerializer.Deserialize<string[][]>(message.PropertiesJson)!.Select(p => new MessageProperty(p[0], p[1])).ToList(),
        sessionId);

    public static XmlElement Data(AsyncMessage message) => SafeXml.LoadString(message.DataXml).DocumentElement!;
}

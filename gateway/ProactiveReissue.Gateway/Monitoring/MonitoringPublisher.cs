using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ProactiveReissue.Gateway.Async;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Monitoring.Xml;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Gateway.Monitoring;

/// <summary>
/// Sends statuses and documents to the monitoring system (rules §5): the message is validated against
/// the monitoring XSD, signed with the gateway's certificate (business-data signature, §11), stamped in
/// local time (§10) and sent as an async NOTIFICATION through the durable queue; all messages of one
/// application share one conversation and so one ordering key (§9: nothing lost, nothing overtakes).
/// </summary>
public sealed class MonitoringPublisher(IAsyncMessageStore store, AsyncPushes pushes, SigningCredentials credentials, IOptions<GatewayOptions> options, TimeProvider time)
{
    public const string GatewaySender = "SHEP";

    /// <summary>Durable once this returns; delivered by the queue. Returns the bus messageId.</summary>
    public async Task<string> PublishAsync(MonitoringMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value.Monitoring;
        if (string.IsNullOrWhiteSpace(settings.Recipient))
        {
            throw new ShepException(ShepFaults.UnknownService, "Gateway:Monitoring:Recipient is not set: there is no monitoring system to send to.");
        }

        var document = MonitoringMessageWriter.WriteDocument(message);
        BusinessSignature.Sign(document, credentials);
        var now = LocalClock.Now(time);
        var asyncMessage = new AsyncMessage(
            SoapEnvelopeWriter.NewMessageId(time.GetUtcNow()),
            ConversationOf(message.ApplicationNumber),
            settings.ServiceId,
            AsyncNames.Notification,
            GatewaySender,
            settings.Recipient,
            null,
            now,
            "[[\"applicationNumber\",\"" + message.ApplicationNumber.Replace("\"", string.Empty, StringComparison.Ordinal) + "\"]]",
            "<data>" + document.DocumentElement!.OuterXml + "</data>",
            AsyncNames.OnDelivery,
            "Queued for the monitoring system",
            now,
            now);
        await store.AddAsync(asyncMessage, cancellationToken).ConfigureAwait(false);
        await pushes.PushMessageAsync(asyncMessage, null, cancellationToken).ConfigureAwait(false);
        return asyncMessage.MessageId;
    }

    /// <summary>One conversation per application: a stable id derived from its number.</summary>
    public static string ConversationOf(string applicationNumber)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("monitoring:" + applicationNumber));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}

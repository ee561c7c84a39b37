using System.Security.Cryptography;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Gateway.Observability;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Delivery;

namespace ProactiveReissue.Gateway.Async;

/// <summary>
/// Journals every delivery attempt of the queue (time, outcome, fault) and turns push outcomes into
/// async message states: delivered → DELIVERED; refused → NOT_DELIVERED; given up → DELIVERY_STOPPED.
/// </summary>
public sealed class GatewayDeliveryObserver(IMessageJournal journal, IAsyncMessageStore store, AsyncPushes pushes, GatewayMetrics metrics, ILogger<GatewayDeliveryObserver> logger) : IDeliveryObserver
{
    public const string AttemptHop = "delivery-attempt";

    public async Task AttemptedAsync(QueuedMessage message, DeliveryResult result, DateTimeOffset at, CancellationToken cancellationToken)
    {
        metrics.RecordDelivery(DestinationBreaker.DestinationOf(message.Message.Destination), result.Outcome);
        var outcome = result.Outcome == DeliveryOutcome.Delivered ? JournalHops.Ok : JournalHops.Fault;
        var fault = result.Outcome == DeliveryOutcome.Delivered ? null : Truncate(result.Error ?? result.Outcome.ToString());
        await journal.AppendAsync(
            new JournalEntry(JournalHops.Out, AttemptHop, "queue", message.Message.MessageId, message.Message.OrderingKey, null, null, null,
                message.Message.Destination, at, outcome, fault, message.Message.Payload.Length, Convert.ToHexStringLower(SHA256.HashData(message.Message.Payload.Span))),
            cancellationToken).ConfigureAwait(false);
        if (result.Outcome == DeliveryOutcome.Delivered)
        {
            await ChangeAsync(message, AsyncNames.Delivered, "Delivered to the recipient's endpoint", cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StoreFailedAsync(Exception exception, CancellationToken cancellationToken)
    {
        Observability.Log.QueueStoreFailed(logger, exception.Message);
        return Task.CompletedTask;
    }

    public Task DeadLetteredAsync(QueuedMessage message, string reason, bool rejected, DateTimeOffset at, CancellationToken cancellationToken)
    {
        metrics.RecordDeadLetter(rejected);
        return ChangeAsync(message, rejected ? AsyncNames.NotDelivered : AsyncNames.DeliveryStopped, reason, cancellationToken);
    }

    private async Task ChangeAsync(QueuedMessage queued, string state, string text, CancellationToken cancellationToken)
    {
        if (queued.Message.MessageId.StartsWith(AsyncPushes.StatusPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var message = await store.FindAsync(queued.Message.MessageId, cancellationToken).ConfigureAwait(false);
        if (message is not null)
        {
            await pushes.ChangeStateAsync(message, state, Truncate(text), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Truncate(string text) => text.Length <= 250 ? text : text[..250];
}

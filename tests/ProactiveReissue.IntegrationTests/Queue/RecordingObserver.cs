using System.Collections.Concurrent;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Delivery;

namespace ProactiveReissue.IntegrationTests.Queue;

/// <summary>Keeps every attempt and dead letter the worker reports.</summary>
public sealed class RecordingObserver : IDeliveryObserver
{
    public ConcurrentQueue<(string MessageId, DeliveryOutcome Outcome, string? Error)> Attempts { get; } = new();

    public ConcurrentQueue<(string MessageId, string Reason)> DeadLetters { get; } = new();

    public Task AttemptedAsync(QueuedMessage message, DeliveryResult result, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Attempts.Enqueue((message.Message.MessageId, result.Outcome, result.Error));
        return Task.CompletedTask;
    }

    public Task DeadLetteredAsync(QueuedMessage message, string reason, bool rejected, DateTimeOffset at, CancellationToken cancellationToken)
    {
        DeadLetters.Enqueue((message.Message.MessageId, reason));
        return Task.CompletedTask;
    }
}

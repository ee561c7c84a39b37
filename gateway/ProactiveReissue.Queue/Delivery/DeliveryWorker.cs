namespace ProactiveReissue.Queue.Delivery;

/// <summary>
/// Delivers what the store leases, at-least-once: a message leaves the queue only after its receiver
/// answered 2xx. Per ordering key one message at a time (the store leases only heads); transient
/// failures back off exponentially with jitter, honouring Retry-After; a message too old or tried too
/// often becomes a dead letter.
/// </summary>
public sealed class DeliveryWorker(IQueueStore store, IDeliveryTransport transport, IDeliveryObserver observer, DeliveryOptions options, TimeProvider time, string consumer)
{
    private readonly DestinationBreaker _breaker = new(options.BreakerFailures, options.BreakerPause);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        var running = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            var free = slots.CurrentCount;
            if (free == 0)
            {
                await Task.WhenAny(running).ConfigureAwait(false);
                continue;
            }

            IReadOnlyList<QueuedMessage> batch;
            try
            {
                batch = await store.LeaseAsync(consumer, Math.Min(options.BatchSize, free), options.Lease, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is unreachable (Redis restarting, disk trouble): nothing is lost, leases
                // simply run out. Wait and try again; the worker never dies of it.
                await observer.StoreFailedAsync(ex, cancellationToken).ConfigureAwait(false);
                await DelayAsync(options.StoreRetryDelay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (batch.Count == 0)
            {
                await DelayAsync(options.IdlePoll, cancellationToken).ConfigureAwait(false);
                continue;
            }

            foreach (var message in batch)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                running.Add(DeliverAndReleaseAsync(message, slots, cancellationToken));
            }
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task DeliverAndReleaseAsync(QueuedMessage message, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the lease runs out and the message is delivered after the restart.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Recording the outcome failed (store unreachable): the lease runs out and the message is
            // delivered again, under the same messageId — at-least-once.
            await observer.StoreFailedAsync(ex, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task DeliverAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        var destination = DestinationBreaker.DestinationOf(message.Message.Destination);
        var now = time.GetUtcNow();
        if (_breaker.PausedUntil(destination, now) is { } until)
        {
            await store.RetryAsync(message.Sequence, until, $"{destination} paused after repeated failures", cancellationToken, countAttempt: false).ConfigureAwait(false);
            return;
        }

        var result = await transport.DeliverAsync(message, cancellationToken).ConfigureAwait(false);
        now = time.GetUtcNow();
        await observer.AttemptedAsync(message, result, now, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                _breaker.Succeeded(destination);
                await store.AckAsync(message.Sequence, cancellationToken).ConfigureAwait(false);
                return;
            case DeliveryOutcome.Rejected:
                _breaker.Succeeded(destination);
                await DeadLetterAsync(message, result.Error ?? "rejected", rejected: true, now, cancellationToken).ConfigureAwait(false);
                return;
            default:
                _breaker.Failed(destination, now);
                var attempts = message.Attempts + 1;
                if (attempts >= options.MaxAttempts || now - message.EnqueuedAt >= options.MaxAge)
                {
                    await DeadLetterAsync(message, $"not delivered after {attempts} attempts over {(now - message.EnqueuedAt).TotalMinutes:0} min; last: {result.Error}", rejected: false, now, cancellationToken).ConfigureAwait(false);
                    return;
                }

                var delay = Backoff(attempts);
                if (result.RetryAfter is { } retryAfter && retryAfter > delay)
                {
                    delay = retryAfter;
                }

                await store.RetryAsync(message.Sequence, now + delay, result.Error ?? "retry", cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private async Task DeadLetterAsync(QueuedMessage message, string reason, bool rejected, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await store.DeadLetterAsync(message.Sequence, reason, cancellationToken).ConfigureAwait(false);
        await observer.DeadLetteredAsync(message, reason, rejected, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Exponential with "equal jitter": half the step fixed, half random, capped.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var step = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(step, options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

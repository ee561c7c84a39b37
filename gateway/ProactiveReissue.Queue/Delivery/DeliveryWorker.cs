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
        Task<IReadOnlyList<QueuedMessage>>? next = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                running.RemoveAll(t => t.IsCompleted);
                IReadOnlyList<QueuedMessage> batch;
                try
                {
                    batch = await (next ?? store.LeaseAsync(consumer, options.BatchSize, options.Lease, cancellationToken)).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store is unreachable (Redis restarting, disk trouble): nothing is lost, leases
                    // simply run out. Wait and try again; the worker never dies of it.
                    next = null;
                    await observer.StoreFailedAsync(ex, cancellationToken).ConfigureAwait(false);
                    await DelayAsync(options.StoreRetryDelay, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                next = null;
                if (batch.Count == 0)
                {
                    await DelayAsync(options.IdlePoll, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // A full batch means a backlog: lease the next one while this one is delivered, so the
                // slots never wait for the store.
                if (batch.Count >= options.BatchSize)
                {
                    next = store.LeaseAsync(consumer, options.BatchSize, options.Lease, cancellationToken);
                }

                foreach (var message in batch)
                {
                    await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    running.Add(DeliverAndReleaseAsync(message, slots, cancellationToken));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: whatever is leased and not started is delivered once its lease runs out.
        }

        if (next is not null)
        {
            await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task DeliverAndReleaseAsync(QueuedMessage message, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        var released = 0;
        void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }

        try
        {
            await DeliverAsync(message, Release, cancellationToken).ConfigureAwait(false);
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
            Release();
        }
    }

    /// <param name="attempted">Called once the receiver answered: the slot bounds attempts in flight, not
    /// the store write that records the outcome (which waits for a group commit). Per-key order holds
    /// regardless: the key's next message is leased only after this one's ack is committed.</param>
    private async Task DeliverAsync(QueuedMessage message, Action attempted, CancellationToken cancellationToken)
    {
        var destination = DestinationBreaker.DestinationOf(message.Message.Destination);
        var now = time.GetUtcNow();
        if (_breaker.PausedUntil(destination, now) is { } until)
        {
            await store.RetryAsync(message.Sequence, until, $"{destination} paused after repeated failures", cancellationToken, countAttempt: false).ConfigureAwait(false);
            return;
        }

        var result = await transport.DeliverAsync(message, cancellationToken).ConfigureAwait(false);
        attempted();
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

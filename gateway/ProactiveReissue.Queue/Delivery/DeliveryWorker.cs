using System.Threading.Channels;

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
    private long _starved;

    /// <summary>Outcomes still being recorded (journal, then ack, retry or dead letter): the loops do not wait for them, <see cref="RunAsync"/> does when it stops.</summary>
    private long _tails;
    private TaskCompletionSource? _drained;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var ready = Channel.CreateUnbounded<Leased>(new UnboundedChannelOptions { SingleWriter = true });
        var refill = new Refill(2 * options.BatchSize);
        var loops = new Task[options.MaxConcurrency];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = DeliveryLoopAsync(ready.Reader, refill, cancellationToken);
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                IReadOnlyList<QueuedMessage> batch;
                var leasedAt = time.GetUtcNow();
                try
                {
                    batch = await store.LeaseAsync(consumer, options.BatchSize, options.Lease, cancellationToken).ConfigureAwait(false);
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

                // A message is attempted only while its lease still covers a whole attempt (see DeliveryLoopAsync).
                var attemptBy = leasedAt + options.Lease - (options.AttemptTimeout < options.Lease / 2 ? options.AttemptTimeout : options.Lease / 2);
                foreach (var message in batch)
                {
                    ready.Writer.TryWrite(new Leased(message, attemptBy));
                }

                // Lease the next batch once at most two batches wait here, so the loops do not run dry while
                // the next lease waits for the write lock (at most three batches wait under a lease).
                await refill.WaitAsync(ready.Reader, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: whatever is leased and not started is delivered once its lease runs out.
        }

        ready.Writer.TryComplete();
        await Task.WhenAll(loops).ConfigureAwait(false);
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _drained, drained);
        if (Interlocked.Read(ref _tails) == 0)
        {
            drained.TrySetResult();
        }

        await drained.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// One of <see cref="DeliveryOptions.MaxConcurrency"/> loops, each with one attempt in flight, like a
    /// client posting directly: no task or semaphore wait per message. What follows an attempt (the
    /// observer, the ack, retry or dead letter, which wait for a group commit) does not hold the loop: the
    /// loop moves on once the receiver has answered, and only waits for those tails when it stops.
    /// </summary>
    private async Task DeliveryLoopAsync(ChannelReader<Leased> ready, Refill refill, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var wait = ready.WaitToReadAsync(cancellationToken);
                if (!wait.IsCompleted)
                {
                    Interlocked.Increment(ref _starved); // diagnostics for the benchmark (read by reflection)
                }

                if (!await wait.ConfigureAwait(false))
                {
                    break;
                }

                while (!cancellationToken.IsCancellationRequested && ready.TryRead(out var leased))
                {
                    refill.Taken(ready);
                    var now = time.GetUtcNow();
                    if (now > leased.AttemptBy)
                    {
                        continue; // waited here so long (a slow receiver) that its lease may run out mid-attempt: the store leases it again
                    }

                    // One attempt, here rather than in a method of its own: an async call per message would cost a
                    // state machine and a task each time the receiver's answer is awaited.
                    var message = leased.Message;
                    try
                    {
                        var destination = DestinationBreaker.DestinationOf(message.Message.Destination);
                        var pausedUntil = _breaker.PausedUntil(destination, now);
                        var result = pausedUntil is null ? await transport.DeliverAsync(message, cancellationToken).ConfigureAwait(false) : null;
                        Interlocked.Increment(ref _tails);
                        _ = RecordAsync(message, destination, result, pausedUntil, cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        await observer.StoreFailedAsync(ex, CancellationToken.None).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the lease runs out and the message is delivered after the restart.
        }
    }

    /// <summary>After the receiver answered: journal the attempt, then ack, retry or dead-letter. Per-key order
    /// holds: the store leases a key's next message only after this one's ack is committed.</summary>
    /// <summary>Never throws: a failure to record goes to the observer. Counted in <see cref="_tails"/> until it ends.</summary>
    private async Task RecordAsync(QueuedMessage message, string destination, DeliveryResult? result, DateTimeOffset? pausedUntil, CancellationToken cancellationToken)
    {
        try
        {
            if (result is null)
            {
                await store.RetryAsync(message.Sequence, pausedUntil!.Value, $"{destination} paused after repeated failures", cancellationToken, countAttempt: false).ConfigureAwait(false);
            }
            else
            {
                await RecordOutcomeAsync(message, destination, result, cancellationToken).ConfigureAwait(false);
            }
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
            if (Interlocked.Decrement(ref _tails) == 0)
            {
                Volatile.Read(ref _drained)?.TrySetResult();
            }
        }
    }

    private async Task RecordOutcomeAsync(QueuedMessage message, string destination, DeliveryResult result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
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

    /// <summary>A leased message waiting for a delivery loop, and the time by which its attempt must start.</summary>
    private readonly record struct Leased(QueuedMessage Message, DateTimeOffset AttemptBy);

    /// <summary>Wakes the leasing loop once no more than <c>lowWater</c> leased messages wait for a delivery loop.</summary>
    private sealed class Refill(int lowWater)
    {
        private TaskCompletionSource? _waiting;

        public Task WaitAsync(ChannelReader<Leased> ready, CancellationToken cancellationToken)
        {
            if (ready.Count <= lowWater)
            {
                return Task.CompletedTask;
            }

            var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _waiting, waiting);
            if (ready.Count <= lowWater)
            {
                Taken(ready); // a loop may have taken the last one before the waiter was published
            }

            return waiting.Task.WaitAsync(cancellationToken);
        }

        public void Taken(ChannelReader<Leased> ready)
        {
            if (Volatile.Read(ref _waiting) is { } waiting && ready.Count <= lowWater && Interlocked.CompareExchange(ref _waiting, null, waiting) == waiting)
            {
                waiting.TrySetResult();
            }
        }
    }
}

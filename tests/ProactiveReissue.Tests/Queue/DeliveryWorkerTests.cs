using System.Collections.Concurrent;
using System.Diagnostics;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Delivery;
using ProactiveReissue.Queue.Memory;

namespace ProactiveReissue.Tests.Queue;

[Collection(RealTimeCollection.Name)]
public sealed class DeliveryWorkerTests
{
    /// <summary>
    /// One delivery loop, 400 ms per attempt, a 3 s lease (attempts start only in its first 1.5 s): of a leased
    /// batch of ten only the first four can be attempted within their lease. The rest must be left for the store to
    /// lease again, not attempted after their lease ran out (when the store could hand them out a second time):
    /// without that rule the tenth would start at 3.6 s. Real time: an attempt that stalls for more than 1.1 s
    /// (the lease's slack; it was 0.3 s until session 6, and loaded test runs stalled that long about one run in
    /// ten) legitimately makes its message due again.
    /// </summary>
    [Fact]
    public async Task Run_SlowReceiverLeasesRunningOut_AttemptsEachMessageOnce()
    {
        await using var store = new InMemoryQueueStore(TimeProvider.System, long.MaxValue);
        await store.EnqueueAsync(Enumerable.Range(0, 10).Select(i => new OutboundMessage($"m{i}", "http://127.0.0.1:9/x", $"k{i}", "text/plain", new byte[] { 1 })).ToList(), default);
        var transport = new SlowTransport(TimeSpan.FromMilliseconds(400));
        var options = new DeliveryOptions
        {
            MaxConcurrency = 1,
            BatchSize = 10,
            Lease = TimeSpan.FromSeconds(3),
            AttemptTimeout = TimeSpan.FromSeconds(2),
            IdlePoll = TimeSpan.FromMilliseconds(10),
        };
        var worker = new DeliveryWorker(store, transport, new QuietObserver(), options, TimeProvider.System, "test");
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);
        var clock = Stopwatch.StartNew();
        while (await store.BacklogAsync(default) > 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await running;

        Assert.Equal(0, await store.BacklogAsync(default));
        Assert.Equal(10, transport.Attempts.Count);
        Assert.All(transport.Attempts, a => Assert.Equal(1, a.Value));
    }

    private sealed class SlowTransport(TimeSpan delay) : IDeliveryTransport
    {
        public ConcurrentDictionary<string, int> Attempts { get; } = new(StringComparer.Ordinal);

        public async Task<DeliveryResult> DeliverAsync(QueuedMessage message, CancellationToken cancellationToken)
        {
            Attempts.AddOrUpdate(message.Message.MessageId, 1, (_, n) => n + 1);
            await Task.Delay(delay, cancellationToken);
            return DeliveryResult.Delivered(200);
        }
    }

    private sealed class QuietObserver : IDeliveryObserver
    {
        public Task AttemptedAsync(QueuedMessage message, DeliveryResult result, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeadLetteredAsync(QueuedMessage message, string reason, bool rejected, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

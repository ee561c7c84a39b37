using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime;
using System.Text;
using Microsoft.Data.Sqlite;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Delivery;
using ProactiveReissue.Queue.Memory;
using ProactiveReissue.Queue.Sqlite;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// Issue 3's queue benchmark, every baseline measured in the same run as what it is compared with:
/// durable enqueues by 64 one-message producers beside raw batched SQLite inserts; a 100,000-message
/// drain by DeliveryWorker + HttpDeliveryTransport beside posting the same messages directly; and
/// (in <see cref="QueueMemoryBenchmark"/>) the resident memory of a worker over a 1,000,000 backlog.
/// </summary>
public sealed class QueueBenchmark(int enqueues, int drain, int memoryBacklog, int memorySeconds, int producers = 64, int concurrency = 64)
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pr-qbench-").FullName;
    private readonly Dictionary<string, double> _cpu = [];
    private string _drainBreakdown = string.Empty;

    public async Task<string> RunAsync()
    {
        var report = new StringBuilder();
        void Row(string measure, string value) => report.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {value} |");
        try
        {
            await using var receiver = await DrainReceiver.StartAsync();
            Console.Error.WriteLine($"queue benchmark in {_dir}, load average {LoadAverage()}");

            // 1. Durable enqueue beside raw batched inserts (warm both up first, same inputs for both).
            var fsync = RawSqliteBaseline.CommitMilliseconds(Db("fsync"));
            RawSqliteBaseline.InsertRate(Db("raw-warm"), BenchMessages.CreateMany("w", 5_000, receiver.Url));
            await EnqueueRateAsync(Db("queue-warm"), BenchMessages.CreateMany("w", 5_000, receiver.Url));
            var messages = BenchMessages.CreateMany("e", enqueues, receiver.Url);
            Row("one commit (fsync of the WAL) of a 1-row transaction", $"{fsync:0.00} ms");
            double rawBest = 0, queuedBest = 0;
            for (var round = 1; round <= 2; round++)
            {
                var cpu = Cpu();
                var (raw, rawCommits) = RawSqliteBaseline.InsertRate(Db($"raw{round}"), messages);
                _cpu["raw insert"] = (Cpu() - cpu) / messages.Length;
                var (queued, queueCommits, queueBacklog, queueSyncs) = await EnqueueRateAsync(Db($"queue{round}"), messages);
                (rawBest, queuedBest) = (Math.Max(rawBest, raw), Math.Max(queuedBest, queued));
                Row($"round {round}: raw batched SQLite insert, 1,000 rows/transaction, {enqueues:N0} rows", $"{raw:N0} rows/s ({rawCommits} commits)");
                Row($"round {round}: durable enqueue, {producers} producers × 1 message, {enqueues:N0} messages",
                    $"{queued:N0} msg/s ({queueCommits:N0} commits ≈ {(double)enqueues / queueCommits:0.0} msg/commit; {queueSyncs}; backlog after: {queueBacklog:N0}) → ratio {queued / raw:0.00}");
            }

            messages = [];
            Row("**durable enqueue (best round)** / ratio to the best raw rate", $"**{queuedBest:N0} msg/s** / **{queuedBest / rawBest:0.00}**");
            Row("lease query plan", LeasePlan.Explain(Db("queue1")));
            Row("messageIds / ordering keys (PR_BENCH_IDS)", BenchMessages.IdKind switch { "seq" => "seq: in arrival order", "v4" => "v4: random GUIDs / hashes", _ => "bus: version-7 GUIDs / hashes, as the gateway makes them" });

            // 2. Drain a backlog with the worker beside posting directly, same receiver, same concurrency, DrainRounds rounds.
            if (drain > 0)
            {
                var drainMessages = BenchMessages.CreateMany("d", drain, receiver.Url);
                // The same warm-up for both sides: 20,000 messages posted directly, the same 20,000 drained, again until the
                // JIT has settled (as the sync benchmark waits for the gateway's): one warm-up pair left the tier-up of
                // about 3,000 methods (2.8 s of JIT) inside the first measured round.
                var warmUp = BenchMessages.CreateMany("dw", 20_000, receiver.Url);
                var (warmUpRounds, compiled) = (0, 0L);
                do
                {
                    var before = JitInfo.GetCompiledMethodCount(currentThread: false);
                    await DirectPostAsync(receiver, warmUp);
                    await DrainAsync(receiver, warmUp, 0);
                    compiled = JitInfo.GetCompiledMethodCount(currentThread: false) - before;
                    warmUpRounds++;
                }
                while (compiled >= SettledMethods && warmUpRounds < MaxWarmUpRounds);

                Row("warm-up before the drain rounds (20,000 posted directly and the same 20,000 drained, per round)",
                    $"{warmUpRounds} rounds; {compiled:N0} methods compiled by the JIT in the last{(compiled >= SettledMethods ? " (not settled)" : string.Empty)}");
                double directBest = double.MaxValue, drainBest = double.MaxValue;
                for (var round = 1; round <= DrainRounds; round++)
                {
                    var (direct, directDistinct) = await DirectPostAsync(receiver, drainMessages);
                    var (drained, drainDistinct, drainCommits) = await DrainAsync(receiver, drainMessages, round);
                    (directBest, drainBest) = (Math.Min(directBest, direct.TotalSeconds), Math.Min(drainBest, drained.TotalSeconds));
                    Row($"round {round}: direct HttpClient POSTs, {concurrency} concurrent, {drain:N0} messages",
                        $"{direct.TotalSeconds:0.00} s = {drain / direct.TotalSeconds:N0} msg/s ({directDistinct:N0} distinct ids at the receiver; {_cpu["direct POST"]:0} µs CPU/msg)");
                    Row($"round {round}: drain of a {drain:N0}-message SQLite backlog, DeliveryWorker + HttpDeliveryTransport, MaxConcurrency {concurrency}",
                        $"{drained.TotalSeconds:0.00} s = {drain / drained.TotalSeconds:N0} msg/s ({drainDistinct:N0} distinct ids; {drainCommits:N0} commits; {_cpu["drain"]:0} µs CPU/msg) → ratio {direct.TotalSeconds / drained.TotalSeconds:0.00}");
                }

                Row("**drain (best round)** / ratio to the best direct posting", $"**{drainBest:0.00} s = {drain / drainBest:N0} msg/s** / **{directBest / drainBest:0.00}**");
                var (viaTransport, _) = await DirectPostAsync(receiver, drainMessages, viaTransport: true);
                Row($"the same messages through HttpDeliveryTransport from {concurrency} loops, no store, no worker", $"{viaTransport.TotalSeconds:0.00} s");
                var (fromMemory, _, _) = await DrainAsync(receiver, drainMessages, 0, inMemory: true);
                Row("the same drain from an InMemoryQueueStore (the worker and the transport without SQLite)", $"{fromMemory.TotalSeconds:0.00} s");
                await DrainAsync(receiver, drainMessages, 3, instrumented: true);
                Row("the same drain again with stopwatches around the store and the transport (not compared)", _drainBreakdown);
                await DrainAsync(receiver, drainMessages, 0, nullTransport: true);
                Row("the same drain to a transport that answers Delivered at once (the queue's own cost)", _drainBreakdown);
            }

            // 3. Resident memory of a worker process over a million-message backlog.
            if (memoryBacklog > 0)
            {
                await new QueueMemoryBenchmark(receiver, Db("million"), memoryBacklog, memorySeconds).RunAsync(Row);
            }

            Row("CPU of this process per message (user + system, both cores)", string.Join("; ", _cpu.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:0} µs"))));
            Row("load average at the end (1 / 5 / 15 min)", LoadAverage());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return report.ToString();
    }

    /// <summary>A warm-up round that compiles fewer methods than this has left the JIT settled.</summary>
    private const int SettledMethods = 150;

    private const int MaxWarmUpRounds = 8;

    /// <summary>Rounds of each side of the drain, best against best (PR_BENCH_DRAIN_ROUNDS; 2 until session 11, when a slow phase of the host hit one side in about a third of the runs).</summary>
    private static readonly int DrainRounds = int.TryParse(Environment.GetEnvironmentVariable("PR_BENCH_DRAIN_ROUNDS"), out var rounds) && rounds > 0 ? rounds : 3;

    public static string LoadAverage() => string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>Before a timed phase: no garbage of the previous phase left for it to collect.</summary>
    private static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    /// <summary>CPU time this process has used, in microseconds.</summary>
    private static double Cpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalMicroseconds;
    }

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : -1;

    private string Db(string name) => Path.Combine(_dir, name + ".db");

    private async Task<(double PerSecond, long Commits, long Backlog, string Syncs)> EnqueueRateAsync(string path, OutboundMessage[] messages)
    {
        await using var store = new SqliteQueueStore(path, TimeProvider.System);
        var commits = CommitCounter.Attach(store);
        var next = -1;
        Settle();
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages.Length)
            {
                await store.EnqueueAsync([messages[i]], CancellationToken.None);
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        _cpu["enqueue"] = (Cpu() - cpu) / messages.Length;
        var (syncs, syncTime) = commits.Syncs;
        return (messages.Length / elapsed, commits.Count, await store.BacklogAsync(CancellationToken.None),
            string.Create(CultureInfo.InvariantCulture, $"{syncs:N0} fsyncs of the WAL ≈ {(double)messages.Length / syncs:0.0} msg/fsync, {syncTime.TotalMilliseconds / syncs:0.00} ms each"));
    }

    private async Task<(TimeSpan Elapsed, int Distinct)> DirectPostAsync(DrainReceiver receiver, OutboundMessage[] messages, bool viaTransport = false)
    {
        receiver.Reset();
        using var http = BenchHttp.NewClient();
        using var invoker = new HttpMessageInvoker(BenchHttp.NewHandler());
        var transport = new HttpDeliveryTransport(invoker, TimeSpan.FromSeconds(10), TimeProvider.System);
        var next = -1;
        var failures = 0;
        Settle();
        var stats = QueuePhaseStats.Now();
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages.Length)
            {
                var message = messages[i];
                if (viaTransport)
                {
                    var result = await transport.DeliverAsync(new QueuedMessage(i, message, default, 0, null), CancellationToken.None);
                    if (result.Outcome != DeliveryOutcome.Delivered)
                    {
                        Interlocked.Increment(ref failures);
                    }

                    continue;
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, message.Destination);
                request.Content = new ReadOnlyMemoryContent(message.Payload);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(message.ContentType);
                request.Headers.TryAddWithoutValidation(HttpDeliveryTransport.MessageIdHeader, message.MessageId);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        var elapsed = clock.Elapsed;
        Phase(viaTransport ? "transport" : "direct", clock, stats, messages.Length);
        _cpu[viaTransport ? "HttpDeliveryTransport loops" : "direct POST"] = (Cpu() - cpu) / messages.Length;
        return failures > 0 ? throw new InvalidOperationException($"{failures} direct posts failed") : (elapsed, receiver.DistinctIds);
    }

    /// <param name="instrumented">Stopwatches around every lease, ack and attempt (they cost CPU per message): only for
    /// the breakdown, never in a drain that is compared with direct posting.</param>
    /// <param name="inMemory">From an <see cref="InMemoryQueueStore"/> instead: the worker and the transport without SQLite.</param>
    private async Task<(TimeSpan Elapsed, int Distinct, long Commits)> DrainAsync(DrainReceiver receiver, OutboundMessage[] messages, int round, bool nullTransport = false, bool instrumented = false, bool inMemory = false)
    {
        var label = (nullTransport ? "drain, null transport" : inMemory ? "drain from memory" : "drain") + (instrumented ? " (instrumented)" : string.Empty);
        var path = Db(nullTransport ? "drain-null" : $"drain{round}");
        IQueueStore filled = inMemory ? new InMemoryQueueStore(TimeProvider.System) : new SqliteQueueStore(path, TimeProvider.System);
        foreach (var chunk in messages.Chunk(4_000))
        {
            await filled.EnqueueAsync(chunk, CancellationToken.None);
        }

        if (!inMemory)
        {
            await filled.DisposeAsync();
        }

        receiver.Reset();
        Console.Error.WriteLine($"{label}: database {FileLength(path)} B, WAL {FileLength(path + "-wal")} B before the drain");
        var sqlite = inMemory ? null : new SqliteQueueStore(path, TimeProvider.System);
        var commits = sqlite is null ? null : CommitCounter.Attach(sqlite);
        var counting = instrumented && sqlite is not null ? new CountingStore(sqlite) : null;
        await using IQueueStore store = counting ?? sqlite ?? filled;
        using var http = new HttpMessageInvoker(BenchHttp.NewHandler()); // as the gateway's transport has it
        var options = new DeliveryOptions { MaxConcurrency = concurrency, IdlePoll = TimeSpan.FromMilliseconds(10) };
        IDeliveryTransport bare = nullTransport ? new NullTransport() : new HttpDeliveryTransport(http, options.AttemptTimeout, TimeProvider.System);
        var timing = instrumented ? new TimingTransport(bare) : null;
        var worker = new DeliveryWorker(store, timing ?? bare, new NullObserver(), options, TimeProvider.System, "bench");
        using var stop = new CancellationTokenSource();
        Settle();
        var stats = QueuePhaseStats.Now();
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        var running = worker.RunAsync(stop.Token);
        while (await store.BacklogAsync(CancellationToken.None) > 0)
        {
            if (running.IsCompleted || clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new InvalidOperationException($"the drain stopped with {await store.BacklogAsync(CancellationToken.None)} messages left");
            }

            await Task.Delay(5);
        }

        var elapsed = clock.Elapsed;
        Phase(label, clock, stats, messages.Length);
        _cpu[label] = (Cpu() - cpu) / messages.Length;
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // RunAsync can end this way when it is stopped while waiting for a free slot.
        }
        _drainBreakdown = counting is null || timing is null
            ? string.Create(CultureInfo.InvariantCulture, $"{label}: {elapsed.TotalSeconds:0.00} s; {commits?.Count ?? 0:N0} commits; a delivery loop found nothing leased {Starved(worker):N0} times")
            : string.Create(CultureInfo.InvariantCulture,
                $"{label}: {elapsed.TotalSeconds:0.00} s; {counting.Leases:N0} leases, {(double)counting.Leased / Math.Max(1, counting.Leases):0.0} msg each, {counting.LeaseTime.TotalSeconds:0.00} s in all ({counting.LeaseTime.TotalMilliseconds / Math.Max(1, counting.Leases):0.00} ms each); {commits?.Count ?? 0:N0} commits; per message: POST {timing.Average.TotalMilliseconds:0.00} ms, ack {counting.AckTime.TotalMilliseconds / Math.Max(1, counting.Acks):0.00} ms (the loop moves on before the ack); a delivery loop found nothing leased {Starved(worker):N0} times");
        return (elapsed, receiver.DistinctIds, commits?.Count ?? 0);
    }

    /// <summary>How often a delivery loop waited for the leasing loop (diagnostics, by reflection; -1 if absent).</summary>
    private static long Starved(DeliveryWorker worker) =>
        typeof(DeliveryWorker).GetField("_starved", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)?.GetValue(worker) is long n ? n : -1;

    /// <summary>For lining a profile up with the phases: CLOCK_MONOTONIC (ns) at the phase's start and end, on stderr.</summary>
    private static void Phase(string label, Stopwatch clock, QueuePhaseStats stats, int messages)
    {
        var end = Stopwatch.GetTimestamp();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phase {label}: {(end - clock.Elapsed.Ticks * (Stopwatch.Frequency / TimeSpan.TicksPerSecond)) / 1e9:0.000} → {end / 1e9:0.000} s; {stats.Since(messages)}"));
    }
}

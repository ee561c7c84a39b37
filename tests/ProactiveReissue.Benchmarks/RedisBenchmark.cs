using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Redis;
using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// Issue 6's benchmark: durable enqueues into <see cref="RedisQueueStore"/> beside <c>redis-benchmark</c>
/// XADD, same redis-server (deploy/redis/redis.conf: AOF, appendfsync always), same number of clients,
/// same bytes per entry, in the same run, alternating, two rounds per client count. Besides the rates:
/// CPU per operation of redis-server (the Lua script's cost) and of our process (the RESP client's cost).
/// </summary>
public sealed partial class RedisBenchmark(int messages, IReadOnlyList<int> clientCounts, IReadOnlyList<int> poolSizes)
{
    private const string Destination = "http://127.0.0.1:9/receiver";

    public async Task<string> RunAsync()
    {
        var report = new StringBuilder();
        void Row(string measure, string value) => report.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {value} |");
        await using var server = await RedisBenchServer.StartAsync();
        var version = (await server.CommandAsync("INFO", "server")).AsString()!.Split("\r\n").First(l => l.StartsWith("redis_version:", StringComparison.Ordinal));
        var fsync = (await server.CommandAsync("CONFIG", "GET", "appendfsync")).Items[1].AsString();
        var sample = BenchMessages.Create("s", 0, Destination);
        var entryBytes = Encoding.UTF8.GetByteCount(sample.MessageId + sample.Destination + sample.OrderingKey + sample.ContentType) + sample.Payload.Length;
        var value = new string('x', entryBytes);
        Console.Error.WriteLine($"redis benchmark on port {server.Port}, load average {QueueBenchmark.LoadAverage()}");
        Row("server", $"{version}, appendonly yes, appendfsync {fsync} (deploy/redis/redis.conf), loopback");
        Row("entry", $"{entryBytes:N0} bytes (messageId, destination, ordering key, content type, ~1 KB payload); XADD carries one field of the same size");
        Row("our client", $"RedisConnectionPool with {string.Join(" or ", poolSizes)} multiplexed connections (the gateway's default: {new RedisConnectionOptions().PoolSize}), one EnqueueAsync (one EVALSHA) per message");

        await server.ResetAsync();
        await XaddAsync(server, clientCounts[0], Math.Min(messages, 20_000), value);
        await server.ResetAsync();
        await EnqueueAsync(server, clientCounts[0], poolSizes[0], BenchMessages.CreateMany("warm", Math.Min(messages, 20_000), Destination));
        foreach (var clients in clientCounts)
        {
            double xaddBest = 0;
            var best = new Dictionary<int, double>();
            for (var round = 1; round <= 2; round++)
            {
                await server.ResetAsync();
                var serverCpu = server.CpuTime();
                var (xadd, xaddClientCpu) = await XaddAsync(server, clients, messages, value);
                var xaddServerCpu = (server.CpuTime() - serverCpu).TotalMicroseconds / messages;

                Row($"{clients} clients, round {round}: redis-benchmark XADD, {messages:N0} entries", $"{xadd:N0} ops/s (redis-server {xaddServerCpu:0.0} µs CPU/op, redis-benchmark {xaddClientCpu:0.0} µs CPU/op)");
                xaddBest = Math.Max(xaddBest, xadd);
                foreach (var poolSize in poolSizes)
                {
                    var batch = BenchMessages.CreateMany(string.Create(CultureInfo.InvariantCulture, $"c{clients}r{round}p{poolSize}"), messages, Destination);
                    await server.ResetAsync();
                    Settle();
                    serverCpu = server.CpuTime();
                    var ownCpu = OwnCpu();
                    var ours = await EnqueueAsync(server, clients, poolSize, batch);
                    var oursServerCpu = (server.CpuTime() - serverCpu).TotalMicroseconds / messages;
                    var oursOwnCpu = (OwnCpu() - ownCpu).TotalMicroseconds / messages;
                    best[poolSize] = Math.Max(best.GetValueOrDefault(poolSize), ours);
                    Row($"{clients} clients, round {round}: RedisQueueStore.EnqueueAsync, {poolSize} connections, {messages:N0} messages",
                        $"{ours:N0} msg/s (redis-server {oursServerCpu:0.0} µs CPU/op, gateway side {oursOwnCpu:0.0} µs CPU/op) → ratio {ours / xadd:0.00}");
                }
            }

            foreach (var (poolSize, oursBest) in best)
            {
                Row($"**{clients} clients, {poolSize} connections: best rounds**", $"**XADD {xaddBest:N0} ops/s, enqueue {oursBest:N0} msg/s → ratio {oursBest / xaddBest:0.00}**");
            }
        }

        Row("load average at the end (1 / 5 / 15 min)", QueueBenchmark.LoadAverage());
        return report.ToString();
    }

    /// <summary>redis-benchmark's own XADD test: <paramref name="clients"/> connections, no pipelining. Returns ops/s and its CPU µs per op.</summary>
    private static async Task<(double Rate, double CpuPerOp)> XaddAsync(RedisBenchServer server, int clients, int count, string value)
    {
        // Through bash, whose `times` prints the CPU time its children used: redis-benchmark's own cost per op.
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            "-c", "redis-benchmark \"$@\"; times", "redis-benchmark", "-h", "127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-c", clients.ToString(CultureInfo.InvariantCulture),
            "-n", count.ToString(CultureInfo.InvariantCulture), "-P", "1", "-q", "XADD", "bench", "*", "f", value,
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("redis-benchmark did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = RequestsPerSecond().Matches(output).LastOrDefault()
            ?? throw new InvalidOperationException($"redis-benchmark printed no rate (exit {process.ExitCode}): {errors}");
        var cpu = ChildTimes().Matches(output).LastOrDefault() is { } times
            ? (Seconds(times.Groups[1].Value, times.Groups[2].Value) + Seconds(times.Groups[3].Value, times.Groups[4].Value)) * 1e6 / count
            : double.NaN;
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), cpu);
    }

    private static double Seconds(string minutes, string seconds) =>
        (double.Parse(minutes, CultureInfo.InvariantCulture) * 60) + double.Parse(seconds, CultureInfo.InvariantCulture);

    /// <summary><paramref name="clients"/> producers, each enqueuing one message at a time, as the gateway's request handlers do.</summary>
    private static async Task<double> EnqueueAsync(RedisBenchServer server, int clients, int poolSize, OutboundMessage[] batch)
    {
        var time = TimeProvider.System;
        var options = server.Options;
        options.PoolSize = poolSize;
        await using var store = new RedisQueueStore(new RedisConnectionPool(options, time), "bench", time, ownsConnection: true);
        await store.EnqueueAsync([batch[0]], default); // connections open, script loaded
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batch.Length)
            {
                await store.EnqueueAsync([batch[i]], default);
            }
        })));
        var rate = (batch.Length - 1) / clock.Elapsed.TotalSeconds;
        var backlog = await store.BacklogAsync(default);
        return backlog == batch.Length ? rate : throw new InvalidOperationException($"backlog {backlog} after {batch.Length} enqueues");
    }

    private static TimeSpan OwnCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    [GeneratedRegex(@"([0-9.]+) requests per second")]
    private static partial Regex RequestsPerSecond();

    /// <summary>The second line of bash's <c>times</c>: the children's user and system time, e.g. "0m1.250s 0m0.310s".</summary>
    [GeneratedRegex(@"(\d+)m([0-9.]+)s (\d+)m([0-9.]+)s\s*$")]
    private static partial Regex ChildTimes();
}

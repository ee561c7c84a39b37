using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Gateway.Pki;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Pki;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// Signed SendMessage round trips through the gateway (its own process) to a fast local provider,
/// beside raw RSA-2048 signatures measured in the same run. Requests are signed (and framed as HTTP/1.1)
/// before the clock starts; the client (<see cref="SyncLoadClient"/>) and the provider (<see cref="FastProvider"/>)
/// speak HTTP/1.1 keep-alive over loopback TCP with little CPU of their own, since they share the two cores.
/// </summary>
public sealed class SyncBenchmark(int requests, int concurrency, string gatewayDll, int warmup = 1_000, bool floor = false)
{
    public async Task<string> RunAsync()
    {
        var report = new StringBuilder();
        var rsa1 = RsaBaseline.SignsPerSecond(1, TimeSpan.FromSeconds(3));
        var rsa2 = RsaBaseline.SignsPerSecond(Environment.ProcessorCount, TimeSpan.FromSeconds(3));
        var rsaCpu = RsaBaseline.CpuMicrosecondsPerSign(5_000);

        var dir = Directory.CreateTempSubdirectory("pr-bench-").FullName;
        var now = TimeProvider.System.GetUtcNow();
        var root = CertificateFactory.CreateRoot("Bench Root", now.AddDays(-1), now.AddYears(1));
        var bin = SyntheticIds.From(26_0540_55500);
        using var gateway = new SigningCredentials(CertificateFactory.CreateLeaf(root, "Gateway", null, SyntheticIds.From(26_0540_00001), now.AddDays(-1), now.AddYears(1)));
        using var provider = new SigningCredentials(CertificateFactory.CreateLeaf(root, "Provider", null, SyntheticIds.From(26_0540_33300), now.AddDays(-1), now.AddYears(1)));
        using var client = new SigningCredentials(CertificateFactory.CreateLeaf(root, "Bench Client", null, bin, now.AddDays(-1), now.AddYears(1)));
        File.WriteAllText(Path.Combine(dir, "root.pem"), root.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "provider.pem"), provider.Certificate.ExportCertificatePem());
        File.WriteAllBytes(Path.Combine(dir, "gateway.pfx"), gateway.Certificate.Export(X509ContentType.Pkcs12, "bench"));

        await using var fast = await FastProvider.StartAsync(Encoding.UTF8.GetBytes(
            SignedProviderAnswer.Create(provider, "<answer xmlns=\"urn:bench\"><result>ok</result><iin>850312300013</iin></answer>", now)));
        var password = Guid.NewGuid().ToString("N");
        var settings = new
        {
            Serilog = new { MinimumLevel = new { Default = "Warning" } },
            Gateway = new
            {
                Pki = new { Directory = dir, AutoCreate = false },
                Signing = new { CertificatePath = Path.Combine(dir, "gateway.pfx"), CertificatePassword = "bench" },
                Trust = new { RootCertificates = new[] { Path.Combine(dir, "root.pem") } },
                Participants = new[] { new { SenderId = "BENCH", PasswordHash = PasswordHasher.Hash(password), Bin = bin, Services = new[] { "BENCH" } } },
                Services = new[] { new { ServiceId = "BENCH", ProviderUrl = fast.Url, ProviderCertificatePath = Path.Combine(dir, "provider.pem"), TimeoutMs = 10_000 } },
                Store = new { SqlitePath = Path.Combine(dir, "gateway.db") },
            },
        };
        // PR_BENCH_JOURNAL_SEED: a journal made by `journal-seed`, copied in so the gateway starts on a journal of that size.
        if (Environment.GetEnvironmentVariable("PR_BENCH_JOURNAL_SEED") is { Length: > 0 } seed)
        {
            File.Copy(seed, Path.Combine(dir, "gateway.db"));
        }

        var settingsPath = Path.Combine(dir, "settings.json");
        File.WriteAllText(settingsPath, JsonSerializer.Serialize(settings));

        var signed = Sign(requests + warmup + MaxSettleRequests + PacedRequests, client, password);
        using var process = floor
            ? await GatewayProcess.StartAsync(typeof(SyncBenchmark).Assembly.Location, settingsPath, FreePort(), FloorGateway.Mode)
            : await GatewayProcess.StartAsync(gatewayDll, settingsPath, FreePort());
        using var load = new SyncLoadClient(new IPEndPoint(IPAddress.Loopback, new Uri(process.BaseUrl).Port));
        var frames = signed.Select(load.Frame).ToArray();

        await ClosedLoopAsync(load, frames.Take(warmup).ToArray(), concurrency); // warm-up: JIT tiering, pools, caches
        var (warmed, settle) = await SettleAsync(process, load, frames.AsMemory(warmup, MaxSettleRequests), concurrency);
        frames = frames[(warmup + warmed)..];
        using var self = Process.GetCurrentProcess();
        var runtimeBefore = await process.RuntimeCountersAsync();
        var cpuBefore = process.CpuSeconds();
        var selfBefore = self.TotalProcessorTime;
        var (peak, peakLatencies) = await ClosedLoopAsync(load, frames.Take(requests).ToArray(), concurrency);
        var cpuPerExchangeMs = (process.CpuSeconds() - cpuBefore) * 1000 / requests;
        var runtime = GatewayProcess.RuntimePerOperation(runtimeBefore, await process.RuntimeCountersAsync(), requests);
        self.Refresh();
        var selfPerExchangeMs = (self.TotalProcessorTime - selfBefore).TotalMilliseconds / requests;
        var memoryAfterPeak = process.Memory();
        var halfRate = peak / 2;
        var paced = frames.Skip(requests).Take(PacedRequests).ToArray();
        var beforePaced = await process.RuntimeCountersAsync();
        var (selfPauseBefore, selfGcBefore) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0));
        string pacedStalls;
        List<double> pacedLatencies;
        using (var probe = StallProbe.Start())
        {
            pacedLatencies = await OpenLoopAsync(load, paced, halfRate);
            pacedStalls = probe.Stop();
        }

        var (selfPause, selfGcs) = (GC.GetTotalPauseDuration() - selfPauseBefore, GC.CollectionCount(0) - selfGcBefore);
        var afterPaced = await process.RuntimeCountersAsync();
        var pacedInside = GatewayProcess.ServerShareAbove(beforePaced, afterPaced, "0.01", "0.025");
        var pacedJournal = GatewayProcess.JournalBetween(beforePaced, afterPaced);
        var pacedPauses = GatewayProcess.PausesBetween(beforePaced, afterPaced);
        var memory = process.Memory();
        var rsa1After = RsaBaseline.SignsPerSecond(1, TimeSpan.FromSeconds(3)); // the host's speed drifts: measured on both sides of the load
        var rsa1Before = rsa1;
        rsa1 = (rsa1Before + rsa1After) / 2;

        report.AppendLine(CultureInfo.InvariantCulture, $"| raw RSA-2048 sign, 1 thread: before the gateway / after it / mean | {rsa1Before:0} / {rsa1After:0} / {rsa1:0} /s |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| raw RSA-2048 sign, {Environment.ProcessorCount} threads | {rsa2:0} /s |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {(floor ? "FLOOR (bytes forwarded, no XML, no journal; 2 RSA signs + 2 verifies + 4 SHA-256 per exchange):" : "signed SendMessage")} round trips, {concurrency} clients, {requests} requests after {warmup + warmed} warm-up ({settle}) | {peak:0} /s |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| ratio round trips ÷ raw RSA (1 thread, the mean) | {peak / rsa1:0.00} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| ratio round trips ÷ raw RSA ({Environment.ProcessorCount} threads) | {peak / rsa2:0.00} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| gateway CPU per round trip (user+system, /proc) | {cpuPerExchangeMs:0.00} ms |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| gateway runtime per round trip (/metrics) | {runtime} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| of which two RSA-2048 signatures (forwarded request, answer), at the 1-thread rate | {2000 / rsa1:0.00} ms |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| benchmark process CPU per round trip (client + provider) | {selfPerExchangeMs:0.00} ms |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| raw RSA-2048 sign, CPU per signature (1 thread) | {rsaCpu:0} µs |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| ratio bound by CPU: {Environment.ProcessorCount} cores ÷ CPU per round trip (gateway + benchmark), ÷ (1 ÷ CPU per signature) | {Environment.ProcessorCount * rsaCpu / 1000 / (cpuPerExchangeMs + selfPerExchangeMs):0.00} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| latency at peak p50 / p99 | {Percentile(peakLatencies, 0.50):0.0} / {Percentile(peakLatencies, 0.99):0.0} ms |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| latency at half the peak rate ({halfRate:0}/s, {paced.Length:N0} requests) p50 / p99 / max | {Percentile(pacedLatencies, 0.50):0.0} / {Percentile(pacedLatencies, 0.99):0.0} / {pacedLatencies.Max():0.0} ms |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| the same requests timed inside the gateway (its histogram) | {pacedInside} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| the journal meanwhile (/metrics) | {pacedJournal} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| the gateway's garbage collector and thread pool meanwhile (/metrics) | {pacedPauses} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| a thread sleeping 1 ms at a time in the benchmark process meanwhile (late wake-ups: the CPUs were taken away) | {pacedStalls} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| the benchmark process's own GC during the paced run (its clock stops for every request in flight) | {selfGcs} collections, {selfPause.TotalMilliseconds:0.0} ms paused |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| gateway resident memory after peak / end, peak RSS | {memoryAfterPeak.Rss:0} / {memory.Rss:0} MiB, {memory.Peak:0} MiB |");
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }

        return report.ToString();
    }

    /// <summary>Warm-up beyond the first, in rounds, until the gateway's JIT has settled.</summary>
    private const int SettleRound = 2_500;
    private const int MaxSettleRequests = 16 * SettleRound;

    /// <summary>
    /// Requests of the open-loop run at half the peak rate (about five seconds): with only 1,000 (one second), the
    /// 99th percentile was the tenth-slowest request, and a single stall decided it.
    /// </summary>
    private const int PacedRequests = 5_000;

    /// <summary>
    /// Goes on warming up in rounds of <see cref="SettleRound"/> until a round compiles fewer than 10 methods in the gateway
    /// (its /metrics), or <see cref="MaxSettleRequests"/> have been sent. On two busy cores the tier-up thread competes with
    /// the requests, so a fixed warm-up left the JIT compiling 57 methods per 1,000 round trips (108 µs of CPU each, 9 % of
    /// the gateway's) inside the measured peak; a gateway runs for days, so the peak is measured once that has settled.
    /// </summary>
    private static async Task<(int Sent, string Note)> SettleAsync(GatewayProcess process, SyncLoadClient load, ReadOnlyMemory<byte[]> frames, int concurrency)
    {
        var sent = 0;
        var before = await process.RuntimeCountersAsync();
        if (before.Count == 0)
        {
            return (0, "no /metrics: fixed warm-up");
        }

        while (sent + SettleRound <= frames.Length)
        {
            await ClosedLoopAsync(load, frames.Slice(sent, SettleRound).ToArray(), concurrency);
            sent += SettleRound;
            var after = await process.RuntimeCountersAsync();
            var compiled = after.GetValueOrDefault("dotnet_jit_compiled_methods_total") - before.GetValueOrDefault("dotnet_jit_compiled_methods_total");
            before = after;
            if (compiled < 10)
            {
                return (sent, string.Create(CultureInfo.InvariantCulture, $"JIT settled: {compiled:0} methods compiled in the last {SettleRound:N0}"));
            }
        }

        return (sent, "JIT still compiling at the end of the warm-up");
    }

    private static byte[][] Sign(int count, SigningCredentials client, string password)
    {
        var result = new byte[count][];
        var orderedIds = Environment.GetEnvironmentVariable("PR_BENCH_CLIENT_IDS") == "v7"; // clients' ids in time order, to compare with random ones
        Parallel.For(0, count, i =>
        {
            var info = new RequestInfo(orderedIds ? Guid.CreateVersion7().ToString() : Guid.NewGuid().ToString(), null, "BENCH", TimeProvider.System.GetUtcNow(), null, new Sender("BENCH", password), [], null);
            var holder = SafeXml.LoadString("<data><request xmlns=\"urn:bench\"><iin>850312300013</iin><purpose>benchmark</purpose></request></data>").DocumentElement;
            var document = SyncMessageWriter.Request(info, holder, SoapEnvelopeWriter.NewBodyId());
            new WsSecuritySigner(client).Sign(document);
            result[i] = SoapEnvelopeWriter.ToBytes(document);
        });
        return result;
    }

    private static async Task<(double PerSecond, List<double> LatenciesMs)> ClosedLoopAsync(SyncLoadClient client, byte[][] bodies, int concurrency)
    {
        var next = -1;
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                var started = Stopwatch.GetTimestamp();
                if (!await client.PostAsync(bodies[i]))
                {
                    Interlocked.Increment(ref failures);
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} of {bodies.Length} requests were not answered with SCSS001.");
        }

        return (bodies.Length / elapsed, latencies.ToList());
    }

    private static async Task<List<double>> OpenLoopAsync(SyncLoadClient client, byte[][] bodies, double ratePerSecond)
    {
        var latencies = new ConcurrentBag<double>();
        var interval = TimeSpan.FromSeconds(1 / ratePerSecond);
        var clock = Stopwatch.StartNew();
        var inflight = new List<Task>();
        for (var i = 0; i < bodies.Length; i++)
        {
            var due = interval * i;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var body = bodies[i];
            inflight.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                await client.PostAsync(body);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }));
        }

        await Task.WhenAll(inflight);
        return latencies.ToList();
    }

    private static double Percentile(List<double> values, double p)
    {
        values.Sort();
        return values.Count == 0 ? 0 : values[Math.Min(values.Count - 1, (int)(p * values.Count))];
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace ProactiveReissue.Benchmarks;

/// <summary>The gateway as its own process (Release build), so its memory is its own.</summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;

    private GatewayProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Pid => _process.Id;

    public static async Task<GatewayProcess> StartAsync(string gatewayDll, string settingsPath, int port, string? mode = null)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(gatewayDll);
        if (mode is not null)
        {
            start.ArgumentList.Add(mode);
        }

        foreach (var a in new[] { "--urls", $"http://127.0.0.1:{port}", "--settings", settingsPath, "--environment", "Production", "--contentRoot", Path.GetDirectoryName(gatewayDll)! })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_gcServer"] = Environment.GetEnvironmentVariable("DOTNET_gcServer") ?? "0";

        // PR_BENCH_GATEWAY_ENV="NAME=value;NAME2=value2": variables for the gateway's process only (runtime switches under test).
        foreach (var pair in (Environment.GetEnvironmentVariable("PR_BENCH_GATEWAY_ENV") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            start.Environment[pair[..at]] = pair[(at + 1)..];
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("gateway: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("The gateway exited with code " + process.ExitCode);
            }

            try
            {
                using var response = await http.GetAsync(baseUrl + "/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return new GatewayProcess(process, baseUrl);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        process.Kill();
        throw new TimeoutException("The gateway did not become ready.");
    }

    /// <summary>(current, peak) resident set in MiB from /proc.</summary>
    public (double Rss, double Peak) Memory()
    {
        var lines = File.ReadAllLines($"/proc/{_process.Id}/status");
        double Read(string key) => double.Parse(lines.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return (Read("VmRSS"), Read("VmHWM"));
    }

    /// <summary>CPU seconds (user + system) the gateway process has used so far, from /proc (100 ticks/s).</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The runtime's counters (dotnet_*), the SQLite files' (sqlite_*) and the SOAP channel's latency buckets from the gateway's /metrics, or none when it serves no /metrics.</summary>
    public async Task<Dictionary<string, double>> RuntimeCountersAsync()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(BaseUrl + "/metrics");
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        return (await response.Content.ReadAsStringAsync()).Split('\n')
            .Where(l => l.StartsWith("dotnet_", StringComparison.Ordinal) || l.StartsWith("sqlite_", StringComparison.Ordinal) || l.StartsWith(SoapBucket, StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
    }

    private const string SoapBucket = "shep_request_duration_seconds_bucket{channel=\"soap\",le=\"";

    /// <summary>
    /// Of the SOAP requests the gateway finished between two readings, the share that took it longer than each
    /// bound (seconds, as in its histogram), timed inside the gateway: what the client's latency adds on top is
    /// the way there and back, the queue before Kestrel, and the client's own pacing.
    /// </summary>
    public static string ServerShareAbove(Dictionary<string, double> before, Dictionary<string, double> after, params string[] bounds)
    {
        double Count(string le) => after.GetValueOrDefault(SoapBucket + le + "\"}") - before.GetValueOrDefault(SoapBucket + le + "\"}");
        var all = Count("+Inf");
        return all <= 0 ? "not served" : string.Join(", ", bounds.Select(b => string.Create(CultureInfo.InvariantCulture, $"{(all - Count(b)) / all:P2} over {double.Parse(b, CultureInfo.InvariantCulture) * 1000:0} ms")));
    }

    /// <summary>The journal's durability work between two readings: its WAL's fdatasyncs (each one a commit every waiting exchange waited for) and the WAL's restarts (every commit held meanwhile).</summary>
    public static string JournalBetween(Dictionary<string, double> before, Dictionary<string, double> after)
    {
        double Delta(string name) => after.GetValueOrDefault(name + "{file=\"journal\"}") - before.GetValueOrDefault(name + "{file=\"journal\"}");
        double Bucket(string le) => after.GetValueOrDefault($"sqlite_wal_sync_seconds_bucket{{file=\"journal\",le=\"{le}\"}}") - before.GetValueOrDefault($"sqlite_wal_sync_seconds_bucket{{file=\"journal\",le=\"{le}\"}}");
        var syncs = Delta("sqlite_wal_sync_seconds_count");
        var restarts = Delta("sqlite_wal_restarts_total");
        return syncs <= 0 ? "not served" : string.Create(CultureInfo.InvariantCulture,
            $"{syncs:0} fdatasyncs of the WAL, {Delta("sqlite_wal_sync_seconds_sum") / syncs * 1000:0.00} ms each on average, {syncs - Bucket("0.005"):0} over 5 ms, {syncs - Bucket("0.01"):0} over 10 ms, {syncs - Bucket("0.025"):0} over 25 ms; {restarts:0} WAL restarts holding commits {Delta("sqlite_wal_restart_hold_seconds_total") * 1000:0.0} ms in all");
    }

    /// <summary>The gateway's collections and pauses between two readings, and its pool threads at each: whether its own runtime stopped the requests.</summary>
    public static string PausesBetween(Dictionary<string, double> before, Dictionary<string, double> after)
    {
        double Delta(string name) => after.GetValueOrDefault(name) - before.GetValueOrDefault(name);
        return before.Count == 0 ? "not served" : string.Create(CultureInfo.InvariantCulture,
            $"collections gen0 {Delta("dotnet_gc_collections_total{generation=\"0\"}"):0} / gen1 {Delta("dotnet_gc_collections_total{generation=\"1\"}"):0} / gen2 {Delta("dotnet_gc_collections_total{generation=\"2\"}"):0}, {Delta("dotnet_gc_pause_seconds_total") * 1000:0.0} ms paused in all; " +
            $"thread-pool threads {before.GetValueOrDefault("dotnet_threadpool_threads"):0} before, {after.GetValueOrDefault("dotnet_threadpool_threads"):0} after");
    }

    /// <summary>What the runtime did per operation between two <see cref="RuntimeCountersAsync"/> readings, as one line.</summary>
    public static string RuntimePerOperation(Dictionary<string, double> before, Dictionary<string, double> after, int operations)
    {
        if (before.Count == 0)
        {
            return "not served";
        }

        double Per(string key) => (after.GetValueOrDefault(key) - before.GetValueOrDefault(key)) / operations;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Per("dotnet_gc_allocated_bytes_total") / 1024:0.0} KB allocated, GC pause {Per("dotnet_gc_pause_seconds_total") * 1e6:0} µs, " +
            $"collections per 1,000: gen0 {Per("dotnet_gc_collections_total{generation=\"0\"}") * 1000:0.0} / gen1 {Per("dotnet_gc_collections_total{generation=\"1\"}") * 1000:0.0} / gen2 {Per("dotnet_gc_collections_total{generation=\"2\"}") * 1000:0.00}, " +
            $"promoted at the last GC {after.GetValueOrDefault("dotnet_gc_promoted_bytes") / 1024:0} KB, thread-pool items {Per("dotnet_threadpool_completed_items_total"):0.0}, lock contentions {Per("dotnet_lock_contentions_total"):0.00}, " +
            $"JIT {Per("dotnet_jit_compiled_methods_total") * 1000:0.0} methods per 1,000 and {Per("dotnet_jit_compilation_seconds_total") * 1e6:0.0} µs per operation");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using ProactiveReissue.Queue.Delivery;
using ProactiveReissue.Queue.Sqlite;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// Resident memory with a large backlog: this process fills a SQLite store with N messages for its
/// local receiver, then a child process (this program, mode <c>queue-memory-child</c>) opens the store
/// and runs a DeliveryWorker over it. Only the child's memory is measured, from /proc/&lt;pid&gt;/status
/// (VmRSS every second, VmHWM at the end): nothing of the filler or the receiver is in it.
/// </summary>
public sealed class QueueMemoryBenchmark(DrainReceiver receiver, string path, int backlog, int seconds)
{
    public async Task RunAsync(Action<string, string> row)
    {
        var fill = Stopwatch.StartNew();
        await using (var filler = new SqliteQueueStore(path, TimeProvider.System))
        {
            for (var first = 0; first < backlog; first += 4_000)
            {
                var chunk = Enumerable.Range(first, Math.Min(4_000, backlog - first)).Select(i => BenchMessages.Create("m", i, receiver.Url)).ToArray();
                await filler.EnqueueAsync(chunk, CancellationToken.None);
            }
        }

        SqliteConnection.ClearAllPools();
        var fillSeconds = fill.Elapsed.TotalSeconds;
        receiver.TrackIds = false;
        receiver.Reset();

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var a in new[] { typeof(QueueMemoryBenchmark).Assembly.Location, "queue-memory-child", path, seconds.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_gcServer"] = "0";
        using var child = Process.Start(start)!;
        var ready = await child.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the child died before opening the store");
        var rssAtOpen = Status(child.Id, "VmRSS");
        var samples = new List<(double Seconds, double Rss, long Delivered)>();
        var walPeak = 0L;
        var clock = Stopwatch.StartNew();
        var output = child.StandardOutput.ReadToEndAsync();
        while (!child.HasExited)
        {
            await Task.Delay(1_000);
            var rss = child.HasExited ? 0 : Status(child.Id, "VmRSS");
            if (rss > 0)
            {
                samples.Add((clock.Elapsed.TotalSeconds, rss, receiver.Requests));
            }

            var wal = new FileInfo(path + "-wal");
            walPeak = Math.Max(walPeak, wal.Exists ? wal.Length : 0);

            var hwm = child.HasExited ? 0 : Status(child.Id, "VmHWM");
            if (hwm > 0)
            {
                _peak = Math.Max(_peak, hwm);
            }
        }

        var last = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        await child.WaitForExitAsync();
        if (child.ExitCode != 0 || samples.Count < 4)
        {
            throw new InvalidOperationException($"the memory child exited with {child.ExitCode} after {samples.Count} samples: {last}");
        }

        var quarter = Math.Max(1, samples.Count / 4);
        var early = samples.Take(quarter).Average(s => s.Rss);
        var late = samples.TakeLast(quarter).Average(s => s.Rss);
        var delivered = samples[^1].Delivered;
        row($"fill: {backlog:N0} messages enqueued in batches of 4,000", $"{fillSeconds:0.0} s = {backlog / fillSeconds:N0} msg/s; database {new FileInfo(path).Length / 1048576.0:N0} MiB");
        row("worker process: store opened over the backlog (" + ready + ")", $"VmRSS {rssAtOpen:0} MiB");
        row($"worker process over {samples[^1].Seconds:0} s of delivery ({delivered:N0} delivered, {delivered / samples[^1].Seconds:N0} msg/s; backlog stays > {backlog - delivered:N0})",
            $"VmRSS min / max {samples.Min(s => s.Rss):0} / {samples.Max(s => s.Rss):0} MiB; first-quarter avg {early:0} → last-quarter avg {late:0} MiB; VmHWM {_peak:0} MiB; largest WAL file {walPeak / 1048576.0:0} MiB");
        row("worker process RSS every 5 s (MiB)", string.Join(", ", samples.Where((_, i) => i % 5 == 4).Select(s => s.Rss.ToString("0", CultureInfo.InvariantCulture))));
        row("worker process at the end (its own report)", last.Trim());
    }

    private double _peak;

    /// <summary>The child: open the store over the backlog, deliver for a while, report its managed heap.</summary>
    public static async Task<int> ChildAsync(string path, int seconds)
    {
        var open = Stopwatch.StartNew();
        await using var store = new SqliteQueueStore(path, TimeProvider.System);
        var backlog = await store.BacklogAsync(CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"backlog {backlog:N0}, opened in {open.Elapsed.TotalSeconds:0.0} s"));
        using var http = new HttpMessageInvoker(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) });
        var options = new DeliveryOptions { MaxConcurrency = 64 };
        var observer = new NullObserver();
        var worker = new DeliveryWorker(store, new HttpDeliveryTransport(http, options.AttemptTimeout, TimeProvider.System), observer, options, TimeProvider.System, "memory");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await worker.RunAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // RunAsync can end this way when it is stopped while waiting for a free slot.
        }
        var left = await store.BacklogAsync(CancellationToken.None);
        var gc = GC.GetGCMemoryInfo();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"attempts {observer.Attempts:N0}, dead letters {observer.DeadLetters}, backlog left {left:N0}; managed heap {gc.HeapSizeBytes / 1048576.0:0} MiB, committed {gc.TotalCommittedBytes / 1048576.0:0} MiB, gen2 GCs {GC.CollectionCount(2)}"));
        return observer.DeadLetters == 0 ? 0 : 1;
    }

    /// <summary>A /proc/&lt;pid&gt;/status field in MiB (0 once the process is gone).</summary>
    private static double Status(int pid, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
            return double.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}

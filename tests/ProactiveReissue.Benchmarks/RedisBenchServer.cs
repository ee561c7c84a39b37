using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// redis-server started with the repository's deploy/redis/redis.conf (appendonly yes, appendfsync always,
/// noeviction, no RDB) and only the place overridden: loopback, a free port, a temp dir (the file's
/// <c>dir /data</c> is dropped from a copy, as Redis changes to it while reading the file). Automatic AOF
/// rewrites are switched off so that a background rewrite does not land in one measurement and not the
/// other; the benchmark compacts the AOF itself between measurements.
/// </summary>
public sealed class RedisBenchServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private RedisBenchServer(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public RedisConnectionOptions Options => new() { Host = "127.0.0.1", Port = Port };

    public static async Task<RedisBenchServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("pr-redis-bench-").FullName;
        var config = Path.Combine(directory, "redis.conf");
        await File.WriteAllLinesAsync(config, (await File.ReadAllLinesAsync(FindConfig())).Where(l => !l.StartsWith("dir ", StringComparison.Ordinal)));
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var info = new ProcessStartInfo("redis-server") { UseShellExecute = false };
        foreach (var arg in new[]
        {
            config, "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
            "--logfile", Path.Combine(directory, "redis.log"), "--auto-aof-rewrite-percentage", "0", "--daemonize", "no",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        var server = new RedisBenchServer(process, port, directory);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await server.CommandAsync("PING");
                return server;
            }
            catch (RedisException) when (clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>One command on a fresh connection.</summary>
    public async Task<RedisReply> CommandAsync(params object[] args)
    {
        await using var connection = await RedisConnection.ConnectAsync(Options, default);
        return await connection.ExecuteAsync(args, default);
    }

    /// <summary>Empties the server and rewrites the AOF, so every measurement starts from the same small file.</summary>
    public async Task ResetAsync()
    {
        await CommandAsync("FLUSHALL");
        await CommandAsync("BGREWRITEAOF");
        while ((await CommandAsync("INFO", "persistence")).AsString()!.Contains("aof_rewrite_in_progress:1", StringComparison.Ordinal)
            || (await CommandAsync("INFO", "persistence")).AsString()!.Contains("aof_rewrite_scheduled:1", StringComparison.Ordinal))
        {
            await Task.Delay(100);
        }
    }

    /// <summary>redis-server's user+system CPU time so far, from /proc.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindConfig()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "deploy", "redis", "redis.conf");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("deploy/redis/redis.conf not found above " + AppContext.BaseDirectory);
    }
}

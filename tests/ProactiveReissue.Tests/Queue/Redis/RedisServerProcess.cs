using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Tests.Queue.Redis;

/// <summary>
/// A real redis-server (/usr/bin/redis-server) started as a process on a free loopback port, with its own
/// temp directory, AOF on (appendfsync always) and no RDB snapshots. Restartable on the same port and
/// directory, so what it acknowledged must come back from the AOF.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-redis-").FullName;
    private readonly string? _password;
    private Process? _process;

    private RedisServerProcess(int port, string? password)
    {
        Port = port;
        _password = password;
    }

    public int Port { get; }

    public static async Task<RedisServerProcess> StartAsync(string? password = null)
    {
        var server = new RedisServerProcess(FreePort(), password);
        await server.StartProcessAsync();
        return server;
    }

    public RedisConnectionOptions Options(string? password = null) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        Password = password ?? _password,
        ReconnectMinBackoff = TimeSpan.FromMilliseconds(20),
        ReconnectMaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>SIGKILL, then start again on the same port and directory (the AOF is replayed).</summary>
    public async Task RestartAsync()
    {
        Kill();
        await StartProcessAsync();
    }

    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task StartProcessAsync()
    {
        var info = new ProcessStartInfo("/usr/bin/redis-server") { UseShellExecute = false };
        string[] args =
        [
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _directory, "--logfile", Path.Combine(_directory, "redis.log"),
            "--appendonly", "yes", "--appendfsync", "always", "--save", string.Empty, "--daemonize", "no",
        ];
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (_password is not null)
        {
            info.ArgumentList.Add("--requirepass");
            info.ArgumentList.Add(_password);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var probe = await RedisConnection.ConnectAsync(Options(), default);
                await probe.ExecuteAsync(["PING"], default);
                return;
            }
            catch (RedisException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
        }
    }
}

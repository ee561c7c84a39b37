using System.Net;
using System.Net.Sockets;
using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>A connection pool to a loopback port nobody listens on: what the stores see while Redis is down.</summary>
public static class DeadRedis
{
    public static RedisConnectionPool Pool()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new RedisConnectionPool(new RedisConnectionOptions { Host = "127.0.0.1", Port = port, ConnectTimeout = TimeSpan.FromMilliseconds(500) }, TimeProvider.System);
    }
}

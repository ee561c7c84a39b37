using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Tests.Queue.Redis;

/// <summary>One redis-server and one connection pool shared by the tests of the "redis" collection.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public RedisServerProcess Server { get; private set; } = null!;

    public RedisConnectionPool Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RedisServerProcess.StartAsync();
        Connection = new RedisConnectionPool(Server.Options(), TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Server.DisposeAsync();
    }
}

using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Gateway.Distributed;

/// <summary>The one connection pool to the shared Redis (Gateway:Store:Redis) and the key layout; owned by the container.</summary>
public sealed class SharedRedis(RedisConnectionOptions options, string keyPrefix, TimeProvider time) : IAsyncDisposable
{
    public IRedisConnection Connection { get; } = new RedisConnectionPool(options, time);

    public RedisConnectionOptions Options => options;

    public RedisKeys Keys { get; } = new(keyPrefix);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

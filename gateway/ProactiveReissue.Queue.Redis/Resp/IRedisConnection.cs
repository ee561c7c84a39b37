namespace ProactiveReissue.Queue.Redis.Resp;

/// <summary>
/// The one seam between the gateway and Redis. Ours is a small RESP2 client
/// (<see cref="RedisConnectionPool"/>) because StackExchange.Redis does not restore from this machine's
/// NuGet copy (docs: shared/docs/dependencies.md). The day it does, implement this interface over
/// <c>IDatabase.ExecuteAsync(command, args)</c> / <c>ScriptEvaluateAsync</c> of a shared
/// <c>ConnectionMultiplexer</c> and delete the Resp folder: the queue store only calls this.
/// </summary>
public interface IRedisConnection : IAsyncDisposable
{
    /// <summary>
    /// Sends one command (arguments: string, byte[], ReadOnlyMemory&lt;byte&gt;, or integer) and returns its reply.
    /// Concurrent calls are pipelined. An error reply throws <see cref="RedisException"/> with the server's text;
    /// an unreachable or broken server throws <see cref="RedisConnectionException"/>.
    /// </summary>
    Task<RedisReply> ExecuteAsync(object[] args, CancellationToken cancellationToken);
}

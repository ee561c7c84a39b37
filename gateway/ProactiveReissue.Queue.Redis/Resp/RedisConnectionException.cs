namespace ProactiveReissue.Queue.Redis.Resp;

/// <summary>
/// Redis could not be reached, the connection broke, or a reply did not come in time. The command may
/// or may not have run: callers retry only idempotent work (enqueue is idempotent by messageId).
/// </summary>
public sealed class RedisConnectionException : RedisException
{
    public RedisConnectionException(string message)
        : base(message)
    {
    }

    public RedisConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

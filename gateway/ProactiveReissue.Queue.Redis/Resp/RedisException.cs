namespace ProactiveReissue.Queue.Redis.Resp;

/// <summary>The server answered with an error reply; <see cref="Exception.Message"/> is the server's text.</summary>
public class RedisException : Exception
{
    public RedisException(string message)
        : base(message)
    {
    }

    public RedisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

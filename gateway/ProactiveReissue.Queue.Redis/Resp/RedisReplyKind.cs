namespace ProactiveReissue.Queue.Redis.Resp;

/// <summary>The RESP2 reply types. An error at the top level is thrown as <see cref="RedisException"/>.</summary>
public enum RedisReplyKind
{
    SimpleString,
    Error,
    Integer,
    Bulk,
    Array,
    Nil,
}

namespace ProactiveReissue.Gateway.Distributed;

/// <summary>
/// Every key the gateway keeps in Redis besides the queue (q:{name}:…, see RedisQueueStore), all under
/// Gateway:Store:KeyPrefix. A family a Lua script touches as a whole carries one hash tag ({journal},
/// {cases}, {async}), so it lives in one cluster slot; single-key families (replay, lease, cache) need none.
/// The layout is described in docs/distributed.md.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix => prefix;

    /// <summary>pr:{journal}:seq, :e:{id}, :m:{messageId}, :c:{correlationId}, :s:{sessionId}.</summary>
    public string Journal => prefix + ":{journal}";

    /// <summary>pr:{cases}:c:{caseId}, :h:{caseId}, :due, :state:{State}, :phone:{phone}, :ord.</summary>
    public string Cases => prefix + ":{cases}";

    /// <summary>pr:{async}:m:{messageId}, :pending:{recipient}, :ord.</summary>
    public string Async => prefix + ":{async}";

    /// <summary>One key per (sender, messageId) for the replay window; the sender's length keeps the pair unambiguous.</summary>
    public string Replay(string sender, string messageId) => $"{prefix}:replay:{sender.Length}:{sender}:{messageId}";

    public string Lease(string name) => $"{prefix}:lease:{name}";

    public string Cache(string key) => $"{prefix}:cache:{key}";
}

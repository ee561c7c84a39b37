using System.Globalization;
using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Queue.Redis;

/// <summary>
/// The outbound queue in Redis, for several gateway instances sharing one queue. Same contract as the
/// SQLite store (tests/…/Queue/QueueStoreContract.cs runs against a real redis-server).
/// <para>Keys, all under <c>q:{name}</c> (one hash tag, so one cluster slot):</para>
/// <list type="bullet">
/// <item><c>:seq</c> INCR sequence; <c>:backlog</c> undelivered count (the bound is checked against it).</item>
/// <item><c>:msg:{seq}</c> hash: id, dest, key, ct, payload, enq, att, nb (not before), lu (lease until), err, dead.</item>
/// <item><c>:ids</c> hash messageId → seq (idempotent enqueue; dropped on ack, as the SQLite row is).</item>
/// <item><c>:key:{orderingKey}</c> list of seqs, head = the oldest undelivered message of that key.</item>
/// <item><c>:due</c> sorted set of the heads only, score = when the head may next be leased
/// (max of not-before and lease-until); member = seq zero-padded, so equal scores lease in enqueue order.</item>
/// <item><c>:dead</c> sorted set of dead-lettered seqs.</item>
/// </list>
/// <para>
/// Why a sorted set of heads and not a stream with a consumer group (XREADGROUP/XACK/XAUTOCLAIM): a
/// consumer group hands out every entry independently, so it cannot keep "only the head of each
/// ordering key" without a per-key gate anyway; and XAUTOCLAIM reclaims by the server's idle clock,
/// whereas the contract (and the tests' fake clock) drive lease expiry and back-off from the gateway's
/// <see cref="TimeProvider"/>. Here a lease is the head's score moved to now + lease: a dead instance's
/// leases fall due again by themselves, which is what XAUTOCLAIM would have given, and delivery counts
/// (att) feed the dead-letter decision of the delivery worker as with SQLite.
/// </para>
/// <para>
/// Durability: each operation is one Lua script (atomic). Enqueue returns after Redis replied, i.e. after
/// the script ran; with deploy/redis/redis.conf (appendonly yes, appendfsync always) Redis fsyncs the AOF
/// before it sends that reply, so an acknowledged enqueue survives a Redis crash or restart.
/// </para>
/// </summary>
public sealed class RedisQueueStore : IQueueStore
{
    private readonly IRedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly long _maxBacklog;
    private readonly bool _ownsConnection;
    private readonly string _prefix;
    private readonly string _routingKey;

    public RedisQueueStore(IRedisConnection redis, string queueName, TimeProvider time, long maxBacklog = long.MaxValue, bool ownsConnection = false)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        _redis = redis;
        _time = time;
        _maxBacklog = maxBacklog;
        _ownsConnection = ownsConnection;
        _prefix = $"q:{{{queueName}}}";
        _routingKey = _prefix + ":ids";
    }

    public async Task EnqueueAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        var args = new List<object>(4 + (messages.Count * 5)) { _prefix, Now(), Number(_maxBacklog), Number(messages.Count) };
        foreach (var message in messages)
        {
            args.AddRange([message.MessageId, message.Destination, message.OrderingKey, message.ContentType, message.Payload]);
        }

        var reply = await RunAsync(RedisQueueScripts.Enqueue, args, cancellationToken).ConfigureAwait(false);
        if (reply.Items[0].AsInt64() < 0)
        {
            throw new QueueFullException(reply.Items[1].AsInt64(), _maxBacklog);
        }
    }

    public async Task<IReadOnlyList<QueuedMessage>> LeaseAsync(string consumer, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return [];
        }

        var now = _time.GetUtcNow();
        var reply = await RunAsync(
            RedisQueueScripts.Lease,
            [_prefix, Millis(now), Millis(now + lease), Number(max)],
            cancellationToken).ConfigureAwait(false);
        return reply.Items.Select(ToQueuedMessage).OrderBy(m => m.Sequence).ToList();
    }

    public Task AckAsync(long sequence, CancellationToken cancellationToken) =>
        RunAsync(RedisQueueScripts.Ack, [_prefix, Number(sequence)], cancellationToken);

    public Task RetryAsync(long sequence, DateTimeOffset notBefore, string error, CancellationToken cancellationToken, bool countAttempt = true) =>
        RunAsync(RedisQueueScripts.Retry, [_prefix, Number(sequence), Millis(notBefore), error, countAttempt ? "1" : "0"], cancellationToken);

    public Task DeadLetterAsync(long sequence, string reason, CancellationToken cancellationToken) =>
        RunAsync(RedisQueueScripts.DeadLetter, [_prefix, Number(sequence), reason], cancellationToken);

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return [];
        }

        var reply = await RunAsync(RedisQueueScripts.DeadLetters, [_prefix, Number(max)], cancellationToken).ConfigureAwait(false);
        return reply.Items
            .Where(f => !f.Items[1].IsNil)
            .Select(f => new DeadLetter(
                f.Items[0].AsInt64(),
                f.Items[1].AsString()!,
                f.Items[2].AsString()!,
                f.Items[3].AsString()!,
                FromMillis(f.Items[4]),
                (int)f.Items[5].AsInt64(),
                f.Items[6].AsString() ?? string.Empty))
            .ToList();
    }

    public async Task<QueuedMessage?> GetAsync(long sequence, CancellationToken cancellationToken)
    {
        var reply = await ExecuteAsync(
            ["HMGET", $"{_prefix}:msg:{Number(sequence)}", "id", "dest", "key", "ct", "payload", "enq", "att", "err"],
            cancellationToken).ConfigureAwait(false);
        if (reply.Items[0].IsNil)
        {
            return null;
        }

        return ToQueuedMessage(RedisReply.Array([RedisReply.Int(sequence), .. reply.Items]));
    }

    public async Task<bool> ReplayAsync(long sequence, CancellationToken cancellationToken)
    {
        var reply = await RunAsync(RedisQueueScripts.Replay, [_prefix, Number(sequence), Now()], cancellationToken).ConfigureAwait(false);
        return reply.AsInt64() == 1;
    }

    public async Task<long> BacklogAsync(CancellationToken cancellationToken)
    {
        var reply = await ExecuteAsync(["GET", _prefix + ":backlog"], cancellationToken).ConfigureAwait(false);
        return reply.IsNil ? 0 : reply.AsInt64();
    }

    public ValueTask DisposeAsync() => _ownsConnection ? _redis.DisposeAsync() : ValueTask.CompletedTask;

    private static QueuedMessage ToQueuedMessage(RedisReply fields)
    {
        var f = fields.Items;
        var error = f[8].AsString();
        return new QueuedMessage(
            f[0].AsInt64(),
            new OutboundMessage(f[1].AsString()!, f[2].AsString()!, f[3].AsString()!, f[4].AsString()!, f[5].Bytes ?? []),
            FromMillis(f[6]),
            (int)f[7].AsInt64(),
            string.IsNullOrEmpty(error) ? null : error);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Millis(DateTimeOffset instant) => Number(instant.ToUnixTimeMilliseconds());

    private static DateTimeOffset FromMillis(RedisReply reply) => DateTimeOffset.FromUnixTimeMilliseconds(reply.AsInt64());

    private string Now() => Millis(_time.GetUtcNow());

    private Task<RedisReply> RunAsync(RedisScript script, IReadOnlyList<object> args, CancellationToken cancellationToken) =>
        Unavailable(script.EvaluateAsync(_redis, _routingKey, args, cancellationToken));

    private Task<RedisReply> ExecuteAsync(object[] command, CancellationToken cancellationToken) =>
        Unavailable(_redis.ExecuteAsync(command, cancellationToken));

    /// <summary>Redis down: the one exception type every store throws (<see cref="QueueUnavailableException"/>).</summary>
    private static async Task<RedisReply> Unavailable(Task<RedisReply> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (RedisConnectionException ex)
        {
            throw new QueueUnavailableException($"Redis is unreachable: {ex.Message}", ex);
        }
    }
}

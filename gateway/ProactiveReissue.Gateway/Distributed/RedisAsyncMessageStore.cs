using System.Globalization;
using System.Text.Json;
using ProactiveReissue.Gateway.Async;
using ProactiveReissue.Queue.Redis;
using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Gateway.Distributed;

/// <summary>
/// The asynchronous channel's messages in the shared Redis: with two instances on one queue, instance B may
/// deliver a message accepted by A, and its state change, getMessages and getMessageStatus must see the same
/// message. Keys under pr:{async}: <c>:m:{messageId}</c> hash (json = the message as accepted; state, msg, at =
/// its current delivery state; recipient); <c>:pending:{recipient}</c> sorted set of the messages still
/// ON_DELIVERY, in acceptance order (score = <c>:ord</c>, a shared counter). Each change is one Lua script.
/// A message that left ON_DELIVERY expires after the retention (Gateway:Store:JournalRetentionDays); one
/// still on delivery never does.
/// </summary>
public sealed class RedisAsyncMessageStore(IRedisConnection redis, RedisKeys keys, TimeSpan retention) : IAsyncMessageStore
{
    /// <summary>ARGV: prefix, id, json, state, msg, atMs, recipient. Returns 0 if the messageId is already stored.</summary>
    private static readonly RedisScript Add = new("""
        local p, id = ARGV[1], ARGV[2]
        local k = p .. ':m:' .. id
        if redis.call('EXISTS', k) == 1 then return 0 end
        redis.call('HSET', k, 'json', ARGV[3], 'state', ARGV[4], 'msg', ARGV[5], 'at', ARGV[6], 'recipient', ARGV[7])
        if ARGV[4] == 'ON_DELIVERY' then redis.call('ZADD', p .. ':pending:' .. ARGV[7], redis.call('INCR', p .. ':ord'), id) end
        return 1
        """);

    /// <summary>ARGV: prefix, id, state, msg, atMs, retentionMs. Returns 1 if the message left ON_DELIVERY now.</summary>
    private static readonly RedisScript SetState = new("""
        local p, id = ARGV[1], ARGV[2]
        local k = p .. ':m:' .. id
        local f = redis.call('HMGET', k, 'state', 'recipient')
        if f[1] ~= 'ON_DELIVERY' then return 0 end
        redis.call('HSET', k, 'state', ARGV[3], 'msg', ARGV[4], 'at', ARGV[5])
        redis.call('ZREM', p .. ':pending:' .. f[2], id)
        redis.call('PEXPIRE', k, ARGV[6])
        return 1
        """);

    /// <summary>ARGV: prefix, recipient, serviceId ('' any), messageId ('' any), correlationId ('' any), amount. Returns {json, state, msg, at}×n.</summary>
    private static readonly RedisScript Pending = new("""
        local p, amount = ARGV[1], tonumber(ARGV[6])
        local out, n = {}, 0
        for _, id in ipairs(redis.call('ZRANGE', p .. ':pending:' .. ARGV[2], 0, -1)) do
          if n >= amount then break end
          if ARGV[4] == '' or ARGV[4] == id then
            local f = redis.call('HMGET', p .. ':m:' .. id, 'json', 'state', 'msg', 'at')
            if f[1] then
              local m = cjson.decode(f[1])
              if (ARGV[3] == '' or m.ServiceId == ARGV[3]) and (ARGV[5] == '' or m.CorrelationId == ARGV[5]) then
                out[#out + 1] = f[1]; out[#out + 1] = f[2]; out[#out + 1] = f[3]; out[#out + 1] = f[4]
                n = n + 1
              end
            end
          end
        end
        return out
        """);

    public async Task AddAsync(AsyncMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stored = message with { MessageDate = Millis(message.MessageDate), StatusDate = Millis(message.StatusDate), CreatedAt = Millis(message.CreatedAt) };
        var reply = await RunAsync(
            Add,
            [keys.Async, message.MessageId, JsonSerializer.SerializeToUtf8Bytes(stored), message.State, message.StatusMessage, Number(message.StatusDate.ToUnixTimeMilliseconds()), message.Recipient],
            "the message was not accepted",
            cancellationToken).ConfigureAwait(false);
        if (reply.AsInt64() == 0)
        {
            throw new InvalidOperationException($"The asynchronous message '{message.MessageId}' is already stored.");
        }
    }

    public async Task<bool> SetStateAsync(string messageId, string state, string statusMessage, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await RunAsync(
            SetState,
            [keys.Async, messageId, state, statusMessage, Number(at.ToUnixTimeMilliseconds()), Number((long)retention.TotalMilliseconds)],
            "the message's state cannot be changed",
            cancellationToken).ConfigureAwait(false)).AsInt64() == 1;

    public async Task<AsyncMessage?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        var reply = await SharedStoreUnavailable.GuardAsync(
            () => redis.ExecuteAsync(["HMGET", $"{keys.Async}:m:{messageId}", "json", "state", "msg", "at"], cancellationToken),
            "the message cannot be read").ConfigureAwait(false);
        return reply.Items[0].IsNil ? null : Message(reply.Items, 0);
    }

    public Task<IReadOnlyList<AsyncMessage>> PendingForAsync(string recipient, string serviceId, string? messageId, string? correlationId, int amount, CancellationToken cancellationToken) =>
        PendingAsync(recipient, serviceId, messageId, correlationId, amount, cancellationToken);

    public Task<IReadOnlyList<AsyncMessage>> OnDeliveryToAsync(string recipient, CancellationToken cancellationToken) =>
        PendingAsync(recipient, string.Empty, null, null, int.MaxValue, cancellationToken);

    private async Task<IReadOnlyList<AsyncMessage>> PendingAsync(string recipient, string serviceId, string? messageId, string? correlationId, int amount, CancellationToken cancellationToken)
    {
        if (amount <= 0)
        {
            return [];
        }

        var reply = await RunAsync(
            Pending,
            [keys.Async, recipient, serviceId, messageId ?? string.Empty, correlationId ?? string.Empty, Number(amount)],
            "the messages cannot be read",
            cancellationToken).ConfigureAwait(false);
        var result = new List<AsyncMessage>(reply.Items.Count / 4);
        for (var i = 0; i + 3 < reply.Items.Count; i += 4)
        {
            result.Add(Message(reply.Items, i));
        }

        return result;
    }

    /// <summary>The message as accepted, with its current delivery state.</summary>
    private static AsyncMessage Message(IReadOnlyList<RedisReply> f, int at) =>
        JsonSerializer.Deserialize<AsyncMessage>(f[at].Bytes!)! with
        {
            State = f[at + 1].AsString()!,
            StatusMessage = f[at + 2].AsString()!,
            StatusDate = DateTimeOffset.FromUnixTimeMilliseconds(f[at + 3].AsInt64()),
        };

    private static DateTimeOffset Millis(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private Task<RedisReply> RunAsync(RedisScript script, IReadOnlyList<object> args, string what, CancellationToken cancellationToken) =>
        SharedStoreUnavailable.GuardAsync(() => script.EvaluateAsync(redis, keys.Async + ":ord", args, cancellationToken), what);
}

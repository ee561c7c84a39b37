using System.Globalization;
using System.Text.Json;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Queue.Redis;
using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Gateway.Distributed;

/// <summary>
/// The journal in the shared Redis, so an operator finds a message by messageId, correlationId or sessionId
/// whichever instance handled it. An append is one Lua script (entry + its three index lists) and completes
/// after Redis replied, i.e. after the AOF fsync with deploy/redis/redis.conf (appendfsync always).
/// <para>
/// Retention is bounded: each entry and each index list expires <see cref="Retention"/> after its last
/// write (Gateway:Store:JournalRetentionDays, 30 by default), so Redis memory stays proportional to the
/// traffic of that period. The SQLite journal keeps everything; export before expiry if audits need longer.
/// </para>
/// </summary>
public sealed class RedisMessageJournal(IRedisConnection redis, RedisKeys keys, TimeSpan retention) : IMessageJournal
{
    private static readonly RedisScript Append = new("""
        local p, ttl = ARGV[1], tonumber(ARGV[2])
        local id = redis.call('INCR', p .. ':seq')
        redis.call('SET', p .. ':e:' .. id, ARGV[3], 'PX', ttl)
        local kinds = {'m', 'c', 's'}
        for i = 1, 3 do
          local v = ARGV[3 + i]
          if v ~= '' then
            local k = p .. ':' .. kinds[i] .. ':' .. v
            redis.call('RPUSH', k, id)
            redis.call('PEXPIRE', k, ttl)
          end
        end
        return id
        """);

    private static readonly RedisScript Find = new("""
        local p, limit = ARGV[1], tonumber(ARGV[5])
        local seen, ids = {}, {}
        local kinds = {'m', 'c', 's'}
        for i = 1, 3 do
          local v = ARGV[1 + i]
          if v ~= '' then
            for _, id in ipairs(redis.call('LRANGE', p .. ':' .. kinds[i] .. ':' .. v, 0, -1)) do
              if not seen[id] then seen[id] = true; ids[#ids + 1] = tonumber(id) end
            end
          end
        end
        table.sort(ids)
        local out = {}
        for _, id in ipairs(ids) do
          if #out >= limit then break end
          local e = redis.call('GET', p .. ':e:' .. id)
          if e then out[#out + 1] = e end
        end
        return out
        """);

    public TimeSpan Retention => retention;

    public Task AppendAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        object[] args =
        [
            keys.Journal, Millis(retention), JsonSerializer.SerializeToUtf8Bytes(entry),
            entry.MessageId ?? string.Empty, entry.CorrelationId ?? string.Empty, entry.SessionId ?? string.Empty,
        ];
        return SharedStoreUnavailable.GuardAsync(
            () => Append.EvaluateAsync(redis, keys.Journal + ":seq", args, cancellationToken),
            "the message could not be journalled");
    }

    public async Task<IReadOnlyList<JournalEntry>> FindAsync(string? messageId, string? correlationId, string? sessionId, int limit, CancellationToken cancellationToken)
    {
        object[] args = [keys.Journal, messageId ?? string.Empty, correlationId ?? string.Empty, sessionId ?? string.Empty, limit.ToString(CultureInfo.InvariantCulture)];
        var reply = await SharedStoreUnavailable.GuardAsync(
            () => Find.EvaluateAsync(redis, keys.Journal + ":seq", args, cancellationToken), "the journal cannot be read").ConfigureAwait(false);
        return reply.Items.Select(e => JsonSerializer.Deserialize<JournalEntry>(e.Bytes!)!).ToList();
    }

    /// <summary>Nothing to rebuild: in distributed mode the replay window itself lives in Redis (<see cref="RedisReplayWindow"/>).</summary>
    public Task<IReadOnlyList<(string Sender, string MessageId, DateTimeOffset At)>> RecentRequestsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(string, string, DateTimeOffset)>>([]);

    public Task PingAsync(CancellationToken cancellationToken) => redis.ExecuteAsync(["PING"], cancellationToken);

    private static string Millis(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}

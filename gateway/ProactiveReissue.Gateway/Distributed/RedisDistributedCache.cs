using System.Globalization;
using Microsoft.Extensions.Caching.Distributed;
using ProactiveReissue.Queue.Redis;
using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Gateway.Distributed;

/// <summary>
/// <see cref="IDistributedCache"/> in the shared Redis for the adapters' reference reads, so a person or company
/// read by one instance is served to the others. One hash per entry: d (data), abs (absolute expiry, Unix ms,
/// -1 for none), sld (sliding window in ms, -1 for none); the key's TTL is the nearer of the two and a read
/// renews a sliding entry. Times come from the gateway's <see cref="TimeProvider"/>. A cache is never worth
/// failing a call for: Redis unreachable reads as a miss and a write is dropped.
/// (Microsoft.Extensions.Caching.StackExchangeRedis keeps the same three fields; it does not restore here.)
/// </summary>
public sealed class RedisDistributedCache(IRedisConnection redis, RedisKeys keys, TimeProvider time) : IDistributedCache
{
    private const string NoExpiry = "-1";

    /// <summary>ARGV: data, absMs, slidingMs, ttlMs (-1: none).</summary>
    private static readonly RedisScript SetScript = new("""
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'd', ARGV[1], 'abs', ARGV[2], 'sld', ARGV[3])
        if tonumber(ARGV[4]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
        return 1
        """);

    /// <summary>ARGV: nowMs, wantData (1/0). Renews a sliding entry; returns the data (or nil).</summary>
    private static readonly RedisScript GetScript = new("""
        local f = redis.call('HMGET', KEYS[1], 'd', 'abs', 'sld')
        if not f[1] then return false end
        local sld, abs, now = tonumber(f[3]), tonumber(f[2]), tonumber(ARGV[1])
        if sld and sld > 0 then
          local ttl = sld
          if abs and abs > 0 then ttl = math.min(ttl, abs - now) end
          if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) else redis.call('DEL', KEYS[1]) return false end
        end
        if ARGV[2] == '1' then return f[1] end
        return false
        """);

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        try
        {
            var reply = await GetScript.EvaluateAsync(redis, keys.Cache(key), [Now(), "1"], token).ConfigureAwait(false);
            return reply.IsNil ? null : reply.Bytes;
        }
        catch (RedisConnectionException)
        {
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var now = time.GetUtcNow();
        var absolute = options.AbsoluteExpiration ?? (now + options.AbsoluteExpirationRelativeToNow);
        if (absolute <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(options), absolute, "The absolute expiration must be in the future.");
        }

        var sliding = options.SlidingExpiration;
        long? ttl = sliding is { } s ? (long)s.TotalMilliseconds : null;
        if (absolute is { } a)
        {
            var untilAbsolute = (long)(a - now).TotalMilliseconds;
            ttl = ttl is null ? untilAbsolute : Math.Min(ttl.Value, untilAbsolute);
        }

        string[] args = [absolute is { } at ? Number(at.ToUnixTimeMilliseconds()) : NoExpiry, sliding is { } sl ? Number((long)sl.TotalMilliseconds) : NoExpiry, ttl is { } t ? Number(Math.Max(1, t)) : NoExpiry];
        try
        {
            await SetScript.EvaluateAsync(redis, keys.Cache(key), [value, .. args], token).ConfigureAwait(false);
        }
        catch (RedisConnectionException)
        {
            // Dropped: the next read asks the state system again.
        }
    }

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        try
        {
            await GetScript.EvaluateAsync(redis, keys.Cache(key), [Now(), "0"], token).ConfigureAwait(false);
        }
        catch (RedisConnectionException)
        {
        }
    }

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        try
        {
            await redis.ExecuteAsync(["DEL", keys.Cache(key)], token).ConfigureAwait(false);
        }
        catch (RedisConnectionException)
        {
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private string Now() => Number(time.GetUtcNow().ToUnixTimeMilliseconds());
}

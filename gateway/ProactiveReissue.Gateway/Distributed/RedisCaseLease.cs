using System.Globalization;
using ProactiveReissue.Queue.Redis;
using ProactiveReissue.Queue.Redis.Resp;
using ProactiveReissue.Reissue.Cases;

namespace ProactiveReissue.Gateway.Distributed;

/// <summary>
/// The case lease across instances: <c>SET pr:lease:case:{id} token NX PX lease</c>, a random token per
/// acquisition. Renew and release are compare-and-act Lua scripts, so an instance whose lease expired (it
/// stalled past the lease) can neither renew nor delete the lease another instance has taken since. A
/// crashed holder's lease expires by itself after <see cref="RedisCaseLease"/>'s lease time; the case then
/// runs on the next instance whose timer loop finds it due.
/// </summary>
public sealed class RedisCaseLease(IRedisConnection redis, RedisKeys keys, TimeSpan lease) : ICaseLease
{
    private static readonly RedisScript Renew = new("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """);

    private static readonly RedisScript Release = new("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """);

    private readonly string _millis = ((long)lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    public async Task<ICaseLeaseHandle?> TryAcquireAsync(string caseId, CancellationToken cancellationToken)
    {
        var key = keys.Lease("case:" + caseId);
        var token = Guid.NewGuid().ToString("N");
        var reply = await SharedStoreUnavailable.GuardAsync(
            () => redis.ExecuteAsync(["SET", key, token, "NX", "PX", _millis], cancellationToken), "the case lease cannot be taken").ConfigureAwait(false);
        return reply.IsNil ? null : new Handle(this, key, token);
    }

    private sealed class Handle(RedisCaseLease owner, string key, string token) : ICaseLeaseHandle
    {
        private int _released;

        public async Task<bool> ExtendAsync(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _released) != 0)
            {
                return false;
            }

            var reply = await SharedStoreUnavailable.GuardAsync(
                () => Renew.EvaluateAsync(owner.Redis, key, [token, owner._millis], cancellationToken), "the case lease cannot be renewed").ConfigureAwait(false);
            return reply.AsInt64() == 1;
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                await Release.EvaluateAsync(owner.Redis, key, [token], CancellationToken.None).ConfigureAwait(false);
            }
            catch (RedisConnectionException)
            {
                // Redis is gone: the lease expires by itself; nothing else to do.
            }
        }
    }

    private IRedisConnection Redis => redis;
}

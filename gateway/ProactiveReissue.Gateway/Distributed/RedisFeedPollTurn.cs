using System.Globalization;
using ProactiveReissue.Gateway.Reissue;
using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Gateway.Distributed;

/// <summary>
/// The feed's turn across instances: <c>SET pr:lease:feed-turn {instance} NX PX {interval}</c>. The first
/// instance whose loop comes round takes it and reads the feed; the others find the key and skip until it
/// expires, one interval later. If that instance dies, the key still expires and another one reads next.
/// The expiry runs on Redis's clock, like the case lease's.
/// </summary>
public sealed class RedisFeedPollTurn(IRedisConnection redis, RedisKeys keys) : IFeedPollTurn
{
    private readonly string _instance = Environment.MachineName + ":" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ":" + Guid.NewGuid().ToString("N")[..8];

    public async Task<bool> TryTakeAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var millis = Math.Max(1L, (long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var reply = await SharedStoreUnavailable.GuardAsync(
            () => redis.ExecuteAsync(["SET", keys.Lease("feed-turn"), _instance, "NX", "PX", millis], cancellationToken), "the feed's turn cannot be taken").ConfigureAwait(false);
        return !reply.IsNil;
    }
}

using System.Globalization;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Queue.Redis.Resp;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Gateway.Distributed;

/// <summary>
/// The replay window shared by every instance: <c>SET pr:replay:{sender}:{messageId} NX PX window</c>. The
/// first instance to see the pair stores it; any instance seeing it again within the window refuses it
/// (SCE018). The key expires by Redis' clock after the window, and survives a Redis restart with the AOF,
/// so nothing needs rebuilding at start. Redis unreachable: the message is refused (SCE044), never let through unchecked.
/// </summary>
public sealed class RedisReplayWindow(IRedisConnection redis, RedisKeys keys, TimeProvider time, TimeSpan window) : IReplayWindow
{
    public async ValueTask CheckAsync(string sender, string messageId, CancellationToken cancellationToken)
    {
        var key = keys.Replay(sender, messageId);
        var millis = ((long)window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        try
        {
            var stored = await redis.ExecuteAsync(["SET", key, LocalClock.Format(LocalClock.Now(time)), "NX", "PX", millis], cancellationToken).ConfigureAwait(false);
            if (!stored.IsNil)
            {
                return;
            }

            var first = await redis.ExecuteAsync(["GET", key], cancellationToken).ConfigureAwait(false);
            throw new ShepException(ShepFaults.Replay, $"messageId '{messageId}' was already received from sender '{sender}' at {first.AsString() ?? "an earlier time"}.");
        }
        catch (RedisConnectionException ex)
        {
            throw SharedStoreUnavailable.From(ex, "the replay window cannot be checked and the message was not accepted");
        }
    }
}

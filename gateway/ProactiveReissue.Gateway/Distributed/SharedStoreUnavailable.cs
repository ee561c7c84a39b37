using ProactiveReissue.Queue.Redis.Resp;
using ProactiveReissue.Shep.Faults;

namespace ProactiveReissue.Gateway.Distributed;

/// <summary>
/// Redis unreachable under a shared store: the same clear fault as the queue's (SCE044, nothing accepted),
/// because in distributed mode the queue and these stores are one Redis. The caller may send again.
/// </summary>
public static class SharedStoreUnavailable
{
    public static ShepException From(RedisConnectionException ex, string what)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return new ShepException(ShepFaults.QueueUnavailable, $"The shared store (Redis) is unreachable, so {what}: {ex.Message}", inner: ex);
    }

    /// <summary>Runs one Redis call; a connection failure becomes <see cref="From"/>.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call, string what)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RedisConnectionException ex)
        {
            throw From(ex, what);
        }
    }
}

using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace ProactiveReissue.Adapters.Shep;

/// <summary>
/// Reference reads (a GBD FL person, a GBD UL company) kept in <see cref="IDistributedCache"/> for the adapter's
/// CacheMinutes. Only Found outcomes are cached; failures and "not found" are asked again next time.
/// </summary>
public sealed class ReferenceCache(IDistributedCache cache, TimeSpan lifetime)
{
    public async Task<AdapterOutcome<T>> GetOrReadAsync<T>(string key, Func<CancellationToken, Task<AdapterOutcome<T>>> read, CancellationToken cancellationToken)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }

        var cached = await cache.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (cached is not null)
        {
            var value = JsonSerializer.Deserialize<T>(cached);
            if (value is not null)
            {
                return AdapterOutcome<T>.Found(value);
            }
        }

        var outcome = await read(cancellationToken).ConfigureAwait(false);
        if (outcome.IsFound)
        {
            await cache.SetAsync(
                key,
                JsonSerializer.SerializeToUtf8Bytes(outcome.Value),
                new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime },
                cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}

using System.ComponentModel.DataAnnotations;

namespace ProactiveReissue.Adapters.Shep;

/// <summary>Settings of an adapter whose reads are reference data, cached through IDistributedCache.</summary>
public abstract class CachedAdapterOptions : AdapterOptions
{
    /// <summary>How long a found record is served from the cache; 0 turns caching off.</summary>
    [Range(0, 7 * 24 * 60)]
    public int CacheMinutes { get; set; } = AdapterConstants.DefaultCacheMinutes;
}

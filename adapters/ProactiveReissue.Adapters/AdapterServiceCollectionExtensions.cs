using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProactiveReissue.Adapters.Bmg;
using ProactiveReissue.Adapters.ELicense;
using ProactiveReissue.Adapters.Exclusion;
using ProactiveReissue.Adapters.GbdFl;
using ProactiveReissue.Adapters.GbdUl;
using ProactiveReissue.Adapters.Kdp;
using ProactiveReissue.Adapters.Sdu;
using ProactiveReissue.Adapters.Shep;
using ProactiveReissue.Adapters.Sms;
using ProactiveReissue.Adapters.Zags;

namespace ProactiveReissue.Adapters;

/// <summary>
/// <c>AddStateSystemAdapters</c>: the eight adapters as singletons, their settings bound from <c>Adapters:&lt;System&gt;</c>
/// and validated at start, the in-memory <see cref="IDistributedCache"/> unless another is registered, and the exclusion check.
/// </summary>
public static class AdapterServiceCollectionExtensions
{
    public static IServiceCollection AddStateSystemAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddDistributedMemoryCache();
        services.AddLogging();
        services.TryAddSingleton<ExclusionCheck>();

        Add<GbdFlOptions, GbdFlAdapter>(services, configuration, GbdFlOptions.SectionName, (o, sp) => new(Http(), o, Time(sp), Cache(sp), Log<GbdFlAdapter>(sp)));
        Add<ZagsOptions, ZagsAdapter>(services, configuration, ZagsOptions.SectionName, (o, sp) => new(Http(), o, Time(sp), Log<ZagsAdapter>(sp)));
        Add<GbdUlOptions, GbdUlAdapter>(services, configuration, GbdUlOptions.SectionName, (o, sp) => new(Http(), o, Time(sp), Cache(sp), Log<GbdUlAdapter>(sp)));
        Add<BmgOptions, BmgAdapter>(services, configuration, BmgOptions.SectionName, (o, sp) => new(Http(), o, Time(sp), Log<BmgAdapter>(sp)));
        Add<ELicenseOptions, ELicenseAdapter>(services, configuration, ELicenseOptions.SectionName, (o, sp) => new(Http(), o, Time(sp), Log<ELicenseAdapter>(sp)));
        Add<SmsOptions, SmsAdapter>(services, configuration, SmsOptions.SectionName, (o, sp) => new(Http(), o, Time(sp), Log<SmsAdapter>(sp)));
        Add<KdpOptions, KdpAdapter>(services, configuration, KdpOptions.SectionName, (o, sp) => new(Http(), o, Time(sp), Log<KdpAdapter>(sp)));
        Add<SduOptions, SduAdapter>(services, configuration, SduOptions.SectionName, (o, sp) => new(Http(), o, Time(sp), Log<SduAdapter>(sp)));
        return services;
    }

    private static void Add<TOptions, TAdapter>(
        IServiceCollection services, IConfiguration configuration, string section, Func<TOptions, IServiceProvider, TAdapter> create)
        where TOptions : AdapterOptions
        where TAdapter : class
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new AdapterOptionsValidator<TOptions>(section));
        services.AddSingleton(sp => create(sp.GetRequiredService<IOptions<TOptions>>().Value, sp));
    }

    /// <summary>
    /// One long-lived client per adapter; connections are recycled so DNS changes are seen. Polly owns the timeout.
    /// A SOAP endpoint sets no cookies and a redirect of a signed POST is not followed (a 3xx answer is a failed call),
    /// so neither the cookie container nor the redirect handler sits in each call's path.
    /// </summary>
    private static HttpClient Http() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    private static TimeProvider Time(IServiceProvider sp) => sp.GetRequiredService<TimeProvider>();

    private static IDistributedCache Cache(IServiceProvider sp) => sp.GetRequiredService<IDistributedCache>();

    private static ILogger Log<T>(IServiceProvider sp) => sp.GetRequiredService<ILogger<T>>();
}

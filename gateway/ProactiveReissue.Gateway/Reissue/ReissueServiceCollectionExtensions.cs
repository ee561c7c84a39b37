using Microsoft.Extensions.DependencyInjection.Extensions;
using ProactiveReissue.Adapters;
using ProactiveReissue.Gateway.Internal;
using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Reissue.Coordinator;
using ProactiveReissue.Reissue.Ports;
using ProactiveReissue.Reissue.Profiles;

namespace ProactiveReissue.Gateway.Reissue;

/// <summary>Adds the coordinator, its case store, its two bus services and its timer loop when "Gateway:Reissue:Enabled".</summary>
public static class ReissueServiceCollectionExtensions
{
    public static IServiceCollection AddReissue(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Gateway:Reissue").Get<ReissueOptions>() ?? new ReissueOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddSingleton(options);
        services.AddSingleton<ReissueStatusPublisher>();
        if (configuration.GetSection("Adapters").Exists())
        {
            // The state systems through their adapters (docs/adapters.md); a test or another host may bind its own ports instead.
            services.AddStateSystemAdapters(configuration);
            services.TryAddSingleton<IReissuePorts, AdapterReissuePorts>();
        }

        services.TryAddSingleton<ICaseStore>(_ => new SqliteCaseStore(options.SqlitePath));
        services.AddSingleton(sp => new ReissueCoordinator(
            sp.GetRequiredService<ICaseStore>(),
            sp.GetService<IReissuePorts>() ?? throw new InvalidOperationException("Setting Gateway:Reissue:Enabled is true, but no adapters to the state systems are configured (IReissuePorts)."),
            options.Profiles.Count > 0 ? options.Profiles : PilotProfiles.Defaults(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ICaseLease>(),
            TimeSpan.FromSeconds(options.SharedReadSeconds)));
        services.AddSingleton<IInternalService, SmsReplyService>();
        services.AddSingleton<IInternalService, NameChangeService>();
        services.AddHostedService<ReissueHostedService>();
        return services;
    }
}

using Microsoft.Extensions.Options;
using ProactiveReissue.Gateway.Admin;
using ProactiveReissue.Gateway.Observability;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Gateway.Pki;
using ProactiveReissue.Gateway.Rest;
using ProactiveReissue.Gateway.Routing;
using ProactiveReissue.Gateway.Sync;
using ProactiveReissue.Shep.Wsdl;
using Serilog;

namespace ProactiveReissue.Gateway;

/// <summary>Builds the gateway host: settings, developer PKI on first run, Serilog, endpoints.</summary>
public static class GatewayApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var extra = SettingsFileArgument(args);
        if (extra is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(extra), optional: false);
        }

        var pki = builder.Configuration.GetSection(GatewayOptions.SectionName).GetSection("Pki").Get<PkiOptions>() ?? new PkiOptions();
        if (pki.AutoCreate && !DevelopmentPki.Exists(pki.Directory))
        {
            var providerBase = builder.Configuration["Gateway:Pki:ProviderBaseUrl"] ?? "http://127.0.0.1:8089";
            DevelopmentPki.Create(pki.Directory, pki.MocksDirectory, providerBase, TimeProvider.System);
            DevelopmentPki.ReloadMocks(providerBase);
        }

        builder.Configuration.AddJsonFile(Path.GetFullPath(Path.Combine(pki.Directory, DevelopmentPki.SettingsFile)), optional: true);
        if (extra is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(extra), optional: false);
        }

        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args.Where(a => a != "--settings" && a != extra).ToArray());

        var logger = new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext().CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        builder.Services.AddGateway(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapPost(SoapSyncEndpoint.Path, (HttpContext context, SoapSyncEndpoint endpoint) => endpoint.HandleAsync(context));
        app.MapGet(SoapSyncEndpoint.Path, (HttpContext context) =>
        {
            var address = $"{context.Request.Scheme}://{context.Request.Host}{SoapSyncEndpoint.Path}";
            return Results.Text(WsdlDocuments.SyncChannel(address), "text/xml; charset=utf-8");
        });
        app.MapPost(Async.AsyncSoapEndpoint.Path, (HttpContext context, Async.AsyncSoapEndpoint endpoint) => endpoint.HandleAsync(context));
        app.MapGet(Async.AsyncSoapEndpoint.Path, (HttpContext context) =>
            Results.Text(WsdlDocuments.AsyncChannel($"{context.Request.Scheme}://{context.Request.Host}{Async.AsyncSoapEndpoint.Path}"), "text/xml; charset=utf-8"));
        app.Services.GetRequiredService<RestAsyncEndpoints>().Map(app);
        app.MapPost(RestSyncEndpoint.Path, (HttpContext context, RestSyncEndpoint endpoint) => endpoint.HandleAsync(context));
        app.MapGet("/openapi/v1.json", () => Results.Stream(typeof(GatewayApp).Assembly.GetManifestResourceStream(
            typeof(GatewayApp).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("openapi.json", StringComparison.Ordinal)))!, "application/json"));
        app.MapGet(ProactiveReissue.Monitoring.Xml.MonitoringSchema.ServedPath, () =>
            Results.Bytes(ProactiveReissue.Monitoring.Xml.MonitoringSchema.Bytes.ToArray(), ProactiveReissue.Monitoring.Xml.MonitoringSchema.ContentType));
        app.MapHealth();
        app.MapAdmin();
        app.MapQueueAdmin();
        app.MapReissueAdmin();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            // Resolve everything now so a bad setting fails the start, not the first request.
            var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
            app.Services.GetRequiredService<SoapSyncEndpoint>();
            app.Services.GetRequiredService<RestSyncEndpoint>();
            Observability.Log.Started(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ProactiveReissue.Gateway"),
                app.Services.GetRequiredService<ParticipantRegistry>().Count, app.Services.GetRequiredService<ServiceRegistry>().Routes.Count, options.Store.Provider);
        });
        return app;
    }

    /// <summary>Resolves the singletons that load files, so start-up fails with the setting's name.</summary>
    public static void WarmUp(WebApplication app)
    {
        app.Services.GetRequiredService<SoapSyncEndpoint>();
        app.Services.GetRequiredService<RestSyncEndpoint>();
        app.Services.GetRequiredService<Async.AsyncSoapEndpoint>();
    }

    private static string? SettingsFileArgument(string[] args)
    {
        var index = Array.IndexOf(args, "--settings");
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

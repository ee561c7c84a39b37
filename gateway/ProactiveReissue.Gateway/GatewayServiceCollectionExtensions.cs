using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using ProactiveReissue.Gateway.Async;
using ProactiveReissue.Gateway.Distributed;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Gateway.Reissue;
using ProactiveReissue.Gateway.Observability;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Gateway.Rest;
using ProactiveReissue.Gateway.Routing;
using ProactiveReissue.Gateway.Sync;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway;

/// <summary>Composes the synchronous bus from the "Gateway" settings; every file is loaded at start.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton(sp => new XmlLimits(Options(sp).Limits.MaxXmlDepth, Options(sp).Limits.MaxRequestBytes * 2));
        services.AddSingleton(sp =>
        {
            var signing = Options(sp).Signing;
            return new SigningCredentials(PemFiles.LoadPkcs12(signing.CertificatePath, signing.CertificatePassword, "Gateway:Signing:CertificatePath"));
        });
        services.AddSingleton(sp => new WsSecuritySigner(sp.GetRequiredService<SigningCredentials>()));
        services.AddSingleton(sp => new ParticipantRegistry(Options(sp).Participants));
        services.AddSingleton(sp => new ServiceRegistry(Options(sp).Services, sp.GetRequiredService<TimeProvider>(), sp.GetServices<Internal.IInternalService>()));
        services.AddSingleton(sp => new CertificateValidator(LoadTrust(Options(sp).Trust), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WsSecurityVerifier(SignatureAlgorithmSet.Default, sp.GetRequiredService<ParticipantRegistry>(), sp.GetRequiredService<TimeProvider>(), ClockSkew(sp)));
        services.AddSingleton(_ => new BusinessSignature(SignatureAlgorithmSet.Default));
        services.AddSharedStores(configuration);
        services.AddSingleton(_ => new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 256,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = System.Net.DecompressionMethods.None,

            // The provider client serves every participant: no cookie jar shared between their calls, and
            // a redirect is the provider's answer, not a cue to re-send (a followed 302 turns a POST into a
            // GET). Both also take a handler stage off every forwarded call.
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        { Timeout = Timeout.InfiniteTimeSpan });
        services.AddSingleton(sp => new ProviderClient(
            sp.GetRequiredService<HttpClient>(), sp.GetRequiredService<WsSecuritySigner>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<XmlLimits>(), ClockSkew(sp)));
        services.AddSingleton(sp => new AccessGuard(
            sp.GetRequiredService<ParticipantRegistry>(), sp.GetRequiredService<ServiceRegistry>(), sp.GetRequiredService<CertificateValidator>(),
            sp.GetRequiredService<BusinessSignature>(), sp.GetRequiredService<IReplayWindow>(), sp.GetRequiredService<XmlLimits>()));
        services.AddSingleton<SyncProcessor>();
        services.AddQueueAndAsyncChannel();
        services.AddReissue(configuration);
        services.AddSingleton<SoapChannel>();
        services.AddSingleton<SoapSyncEndpoint>();
        services.AddSingleton<RestChannel>();
        services.AddSingleton<RestSyncEndpoint>();
        services.AddSingleton<RestAsyncEndpoints>();
        return services;
    }

    /// <summary>The durable outbound queue, its delivery worker, and the asynchronous channel on top of it.</summary>
    private static void AddQueueAndAsyncChannel(this IServiceCollection services)
    {
        services.AddSingleton<ProactiveReissue.Queue.Delivery.IDeliveryTransport>(sp => new ProactiveReissue.Queue.Delivery.HttpDeliveryTransport(
            new HttpMessageInvoker(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(5) }),
            TimeSpan.FromMilliseconds(Options(sp).Queue.AttemptTimeoutMs), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AsyncPushes>();
        services.AddSingleton<AsyncProcessor>();
        services.AddSingleton<ProactiveReissue.Queue.Delivery.IDeliveryObserver, GatewayDeliveryObserver>();
        services.AddSingleton<AsyncSoapEndpoint>();
        services.AddHostedService<QueueHostedService>();
        services.AddSingleton<Monitoring.MonitoringPublisher>();
    }

    private static GatewayOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<GatewayOptions>>().Value;

    private static TimeSpan ClockSkew(IServiceProvider sp) => TimeSpan.FromSeconds(Options(sp).Security.ClockSkewSeconds);

    private static CertificateTrust LoadTrust(TrustOptions trust)
    {
        if (trust.RootCertificates.Count == 0)
        {
            throw new InvalidOperationException("Setting Gateway:Trust:RootCertificates is empty: no signer could ever be trusted. Name at least one root certificate file.");
        }

        var roots = new X509Certificate2Collection();
        foreach (var (path, i) in trust.RootCertificates.Select((p, i) => (p, i)))
        {
            roots.Add(PemFiles.LoadCertificate(path, $"Gateway:Trust:RootCertificates:{i}"));
        }

        var intermediates = new X509Certificate2Collection();
        foreach (var (path, i) in trust.IntermediateCertificates.Select((p, i) => (p, i)))
        {
            intermediates.Add(PemFiles.LoadCertificate(path, $"Gateway:Trust:IntermediateCertificates:{i}"));
        }

        var crls = new List<RevocationList>();
        foreach (var (path, i) in trust.Crls.Select((p, i) => (p, i)))
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"Setting Gateway:Trust:Crls:{i}: CRL file '{path}' does not exist.");
            }

            crls.Add(RevocationList.Load(File.ReadAllBytes(path)));
        }

        return new CertificateTrust(roots, intermediates, crls);
    }
}

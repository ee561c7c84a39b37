using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Shep.Faults;

namespace ProactiveReissue.Gateway.Routing;

/// <summary>
/// serviceId → provider. Each provider gets its own Polly pipeline: a timeout and a circuit breaker,
/// and a retry with jitter only when the service is declared idempotent (SendMessage is not, by default).
/// </summary>
public sealed class ServiceRegistry
{
    private readonly Dictionary<string, ServiceRoute> _routes = new(StringComparer.Ordinal);

    public ServiceRegistry(IEnumerable<ServiceOptions> services, TimeProvider time, IEnumerable<Internal.IInternalService>? internalServices = null)
    {
        foreach (var service in internalServices ?? [])
        {
            _routes[service.ServiceId] = new ServiceRoute(service.ServiceId, null, null, null, TimeSpan.FromSeconds(30), false, false, ResiliencePipeline<HttpResponseMessage>.Empty, service);
        }

        foreach (var (o, index) in services.Select((o, i) => (o, i)))
        {
            var setting = $"Gateway:Services:{index}";
            Uri? url = null;
            if (o.ProviderUrl is not null && (!Uri.TryCreate(o.ProviderUrl, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            {
                throw new InvalidOperationException($"Setting {setting}:ProviderUrl '{o.ProviderUrl}' is not an absolute http(s) URL.");
            }

            if (url is null && string.IsNullOrWhiteSpace(o.Recipient))
            {
                throw new InvalidOperationException($"Setting {setting}: service '{o.ServiceId}' needs a ProviderUrl (synchronous), a Recipient (asynchronous), or both.");
            }

            var certificate = url is null ? null : PemFiles.LoadCertificate(o.ProviderCertificatePath ?? string.Empty, $"{setting}:ProviderCertificatePath");
            var route = new ServiceRoute(o.ServiceId, url, certificate, o.Recipient, TimeSpan.FromMilliseconds(o.TimeoutMs), o.RequireBusinessSignature, o.Idempotent, BuildPipeline(o, time));
            if (_routes.TryGetValue(o.ServiceId, out var existing) && existing.Internal is not null)
            {
                throw new InvalidOperationException($"Setting {setting}: serviceId '{o.ServiceId}' is answered by the gateway itself and cannot also be routed.");
            }

            if (!_routes.TryAdd(o.ServiceId, route))
            {
                throw new InvalidOperationException($"Setting {setting}: serviceId '{o.ServiceId}' is registered twice.");
            }
        }
    }

    public IReadOnlyCollection<ServiceRoute> Routes => _routes.Values;

    public ServiceRoute Find(string serviceId) =>
        _routes.TryGetValue(serviceId, out var route)
            ? route
            : throw new ShepException(ShepFaults.UnknownService, $"Service '{serviceId}' is not registered on this bus.");

    public bool Exists(string serviceId) => _routes.ContainsKey(serviceId);

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(ServiceOptions o, TimeProvider time)
    {
        var transportFailure = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .Handle<IOException>()
            .HandleResult(r => r.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout);

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = o.BreakerFailureRatio,
            MinimumThroughput = o.BreakerMinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(Math.Max(o.BreakerBreakSeconds, 10)),
            BreakDuration = TimeSpan.FromSeconds(o.BreakerBreakSeconds),
            ShouldHandle = transportFailure,
        });
        if (o.Idempotent)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = transportFailure,
            });
        }

        builder.AddTimeout(TimeSpan.FromMilliseconds(o.TimeoutMs));
        return builder.Build();
    }
}

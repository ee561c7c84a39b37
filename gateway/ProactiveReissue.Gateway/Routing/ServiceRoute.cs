using System.Security.Cryptography.X509Certificates;
using Polly;

namespace ProactiveReissue.Gateway.Routing;

/// <summary>A registered service: where its provider is, the certificate its answers carry, its pipeline.</summary>
public sealed record ServiceRoute(
    string ServiceId,
    Uri? ProviderUrl,
    X509Certificate2? ProviderCertificate,
    string? Recipient,
    TimeSpan Timeout,
    bool RequireBusinessSignature,
    bool Idempotent,
    ResiliencePipeline<HttpResponseMessage> Pipeline,
    Internal.IInternalService? Internal = null);

using Microsoft.Extensions.Logging;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.Kdp;

/// <summary>KDP: consent of a person to personal-data processing (<c>KDP_SERVICE</c>).</summary>
public sealed class KdpAdapter(HttpClient http, KdpOptions options, TimeProvider time, ILogger? logger = null)
{
    public const string ServiceId = "KDP_SERVICE";

    public ShepSyncClient Client { get; } = new(http, options, time, logger);

    /// <summary>Every KDP status is an answer (Found); transport trouble is Timeout/Unavailable as everywhere.</summary>
    public async Task<AdapterOutcome<KdpConsent>> GetConsentAsync(string iin, string purpose, CancellationToken cancellationToken)
    {
        var payload = Payload.Create("ConsentRequest", ("iin", iin), ("requestorBin", options.RequestorBin), ("purpose", purpose));
        var answer = await Client.SendAsync(ServiceId, payload, CallKind.Read, signPayload: false, cancellationToken).ConfigureAwait(false);
        return Payload.Map(answer, ServiceId, r => AdapterOutcome<KdpConsent>.Found(new KdpConsent(
            iin, ParseStatus(Payload.Required(r, "status")), Payload.Text(r, "token"))));
    }

    private static KdpStatus ParseStatus(string text) => text switch
    {
        "VALID" => KdpStatus.Valid,
        "INVALID" => KdpStatus.Invalid,
        "PENDING" => KdpStatus.Pending,
        "TIMEOUT" => KdpStatus.Timeout,
        "NOT_FOUND" => KdpStatus.NotFound,
        "ERROR" => KdpStatus.Error,
        _ => throw new FormatException($"'{text}' is not a KDP status."),
    };
}

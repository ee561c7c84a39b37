using ProactiveReissue.Monitoring.Statuses;

namespace ProactiveReissue.Monitoring.Messages;

/// <summary>
/// Rules §5.3, §7.5: the provider's answer to an <see cref="ApplicationRequest"/>. An <see cref="Resolution.Approved"/>
/// result names its <see cref="ResultDocument"/>.
/// </summary>
public sealed record ApplicationResult(
    string ApplicationNumber,
    string ServiceCode,
    Party Provider,
    Resolution Resolution,
    DateTimeOffset ResolutionDate) : MonitoringMessage(ApplicationNumber)
{
    /// <summary>The catalogue status the application ended with, e.g. PERMIT_REISSUED or CONSENT_REFUSED.</summary>
    public MonitoringStatusCode? StatusCode { get; init; }

    public string? Comment { get; init; }

    public DocumentReference? ResultDocument { get; init; }

    public IReadOnlyList<ExternalRequest> ExternalRequests { get; init; } = [];
}

using ProactiveReissue.Monitoring.Statuses;

namespace ProactiveReissue.Monitoring.Messages;

/// <summary>
/// Rules §5.1: the status of an application, provider → monitoring. Build it with
/// <see cref="ApplicationStatusFactory"/>, which fills the texts and the processing status from the catalogue.
/// </summary>
public sealed record ApplicationStatus(
    string ApplicationNumber,
    string ServiceCode,
    Party Provider,
    MonitoringStatusCode StatusCode,
    ProcessingStatus ProcessingStatus,
    string StatusTextRu,
    string StatusTextKk,
    DateTimeOffset StatusDate) : MonitoringMessage(ApplicationNumber)
{
    /// <summary>Why a final status was reached, e.g. ORDINARY_PROCEDURE because of NO_PHONE.</summary>
    public MonitoringStatusCode? ReasonCode { get; init; }

    public string? Comment { get; init; }

    public IReadOnlyList<ExternalRequest> ExternalRequests { get; init; } = [];
}

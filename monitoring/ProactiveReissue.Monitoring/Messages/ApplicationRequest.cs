namespace ProactiveReissue.Monitoring.Messages;

/// <summary>Rules §5.3, §7.4: an application passed from monitoring to the provider's system.</summary>
public sealed record ApplicationRequest(
    string ApplicationNumber,
    string ServiceCode,
    Party Provider,
    DateTimeOffset SubmittedAt,
    Applicant Applicant) : MonitoringMessage(ApplicationNumber)
{
    public IReadOnlyList<ApplicationParameter> Parameters { get; init; } = [];

    public IReadOnlyList<DocumentReference> Documents { get; init; } = [];
}

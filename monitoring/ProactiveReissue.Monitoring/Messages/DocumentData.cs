namespace ProactiveReissue.Monitoring.Messages;

/// <summary>
/// Rules §5.2: the data of a document the service needs or produces, sent electronically instead of a paper copy.
/// The writer adds the SHA-256 of <see cref="Content"/>; the reader checks it.
/// </summary>
public sealed record DocumentData(
    string ApplicationNumber,
    string DocumentType,
    string DocumentNumber,
    DateOnly DocumentDate,
    Party Issuer,
    DocumentContent Content) : MonitoringMessage(ApplicationNumber);

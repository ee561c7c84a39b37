namespace ProactiveReissue.Shep.Envelope;

/// <summary>responseInfo of a sync SendMessageResponse.</summary>
public sealed record ResponseInfo(
    string MessageId,
    string? CorrelationId,
    DateTimeOffset ResponseDate,
    string StatusCode,
    string StatusMessage,
    string? SessionId);

namespace ProactiveReissue.Shep.Envelope;

/// <summary>requestInfo of a sync SendMessage, in wire order.</summary>
public sealed record RequestInfo(
    string MessageId,
    string? CorrelationId,
    string ServiceId,
    DateTimeOffset MessageDate,
    string? RouteId,
    Sender Sender,
    IReadOnlyList<MessageProperty> Properties,
    string? SessionId);

namespace ProactiveReissue.Gateway.Async;

/// <summary>A message of the asynchronous channel as the bus keeps it until it is delivered.</summary>
public sealed record AsyncMessage(
    string MessageId,
    string CorrelationId,
    string ServiceId,
    string MessageType,
    string Sender,
    string Recipient,
    string? RouteId,
    DateTimeOffset MessageDate,
    string PropertiesJson,
    string DataXml,
    string State,
    string StatusMessage,
    DateTimeOffset StatusDate,
    DateTimeOffset CreatedAt);

namespace ProactiveReissue.Gateway.Journal;

/// <summary>One hop of one message: what an auditor asks about (who, what, when, outcome).</summary>
public sealed record JournalEntry(
    string Direction,
    string Hop,
    string Channel,
    string? MessageId,
    string? CorrelationId,
    string? SessionId,
    string? ServiceId,
    string? Sender,
    string? Peer,
    DateTimeOffset At,
    string Outcome,
    string? FaultCode,
    long Size,
    string BodySha256);

/// <summary>Names of the hops a sync exchange goes through.</summary>
public static class JournalHops
{
    public const string In = "in";
    public const string Out = "out";
    public const string ClientRequest = "client-request";
    public const string ProviderRequest = "provider-request";
    public const string ProviderResponse = "provider-response";
    public const string ClientResponse = "client-response";
    public const string Ok = "ok";
    public const string Fault = "fault";
}

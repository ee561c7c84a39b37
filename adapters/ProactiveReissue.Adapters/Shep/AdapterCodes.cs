namespace ProactiveReissue.Adapters.Shep;

/// <summary>
/// Codes an adapter puts on outcomes it makes itself (a peer's own fault code is passed through as it came).
/// They reuse the gateway's catalogue (ShepFaults) where one exists.
/// </summary>
public static class AdapterCodes
{
    /// <summary>The peer did not answer within the adapter's timeout (SCE030).</summary>
    public const string Timeout = "SCE030";

    /// <summary>Connection refused, reset, closed without an answer, or HTTP 502/503/504 (SCE031).</summary>
    public const string Unreachable = "SCE031";

    /// <summary>The answer is not a SOAP envelope, is not signed by the configured peer, or has an unexpected shape (SCE033).</summary>
    public const string BadAnswer = "SCE033";

    /// <summary>The adapter's circuit breaker is open after repeated failures (SCE034).</summary>
    public const string CircuitOpen = "SCE034";

    /// <summary>The peer answered with a non-success status or result code of its own.</summary>
    public const string PeerStatus = "ADP001";
}

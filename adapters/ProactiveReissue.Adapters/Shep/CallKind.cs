namespace ProactiveReissue.Adapters.Shep;

/// <summary>Whether a call may be repeated after a transport failure.</summary>
public enum CallKind
{
    /// <summary>A read: retried with jitter.</summary>
    Read,

    /// <summary>A write the peer de-duplicates (it carries a request id): retried with jitter.</summary>
    IdempotentWrite,

    /// <summary>A write that must not be sent twice: one attempt.</summary>
    Write,
}

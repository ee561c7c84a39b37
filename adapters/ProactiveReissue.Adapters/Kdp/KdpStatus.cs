namespace ProactiveReissue.Adapters.Kdp;

/// <summary>Consent status as KDP answers it.</summary>
public enum KdpStatus
{
    Valid,
    Invalid,
    Pending,
    Timeout,
    NotFound,
    Error,
}

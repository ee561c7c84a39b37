namespace ProactiveReissue.Adapters.Shep;

/// <summary>What came back from a state system, as the process sees it.</summary>
public enum AdapterOutcomeKind
{
    Found,
    NotFound,
    PeerFault,
    Timeout,
    Unavailable,
}

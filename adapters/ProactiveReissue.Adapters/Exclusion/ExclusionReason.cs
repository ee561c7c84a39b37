namespace ProactiveReissue.Adapters.Exclusion;

/// <summary>Why a first head is excluded from the proactive process (eco-permit seed §6).</summary>
public enum ExclusionReason
{
    None,
    MissingOrDead,
    ResidesAbroad,
    Incapacitated,
    Imprisoned,
}

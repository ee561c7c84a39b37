namespace ProactiveReissue.Reissue.Ports;

/// <summary>A company from GBD UL: its current name, the previous one, and its first head.</summary>
public sealed record Company(string Bin, string Name, string? PreviousName, string? FirstHeadIin);

/// <summary>A permit in e-license.</summary>
public sealed record Permit(string Number, string PermitType, string HolderBin);

/// <summary>The four exclusion criteria of the eco seed §6 (read from GBD FL and ZAGS by the adapters).</summary>
public enum Exclusion
{
    None,
    MissingOrDead,
    ResidesAbroad,
    Incapacitated,
    Imprisoned,
}

/// <summary>KDP consent to personal-data processing.</summary>
public enum Consent
{
    Valid,
    Invalid,
    Pending,
    Timeout,
    NotFound,
    Error,
}

/// <summary>A name-change notice: from the GBD UL feed or pushed through the bus.</summary>
public sealed record NameChangeNotice(string NoticeId, string Bin, DateTimeOffset ChangedAt);

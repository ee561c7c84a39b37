namespace ProactiveReissue.Adapters.GbdUl;

/// <summary>Organization of a GbdulInfoByBin_v2 answer, reduced to what the process reads.</summary>
public sealed record GbdUlCompany(
    string Bin,
    string? RegStatus,
    string FullNameRu,
    string? FullNameKz,
    string? ShortNameRu,
    DateOnly? RegistrationDate,
    DateOnly? RegistrationLastDate,
    GbdUlLeader? Leader);

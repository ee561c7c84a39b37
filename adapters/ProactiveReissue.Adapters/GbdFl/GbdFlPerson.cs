namespace ProactiveReissue.Adapters.GbdFl;

/// <summary>
/// A person as GBD FL answers <c>GBDFL_UniversalServiceSync</c>, reduced to what the process reads:
/// names, death (<c>deathDate</c>, <c>deathCertificate</c>, <c>lifeStatus</c>), <c>personCapableStatus</c>,
/// <c>missingStatus</c>, <c>imprisonedStatus</c> and the registered address country.
/// </summary>
public sealed record GbdFlPerson(
    string Iin,
    string Surname,
    string Name,
    string? Patronymic,
    DateOnly? BirthDate,
    DateOnly? DeathDate,
    string? DeathCertificate,
    string? LifeStatus,
    string? PersonCapableStatus,
    bool Missing,
    DateOnly? MissingSince,
    bool Imprisoned,
    DateOnly? ImprisonedBegin,
    DateOnly? ImprisonedEnd,
    string? RegAddressCountry,
    string? RegAddressForeignData);

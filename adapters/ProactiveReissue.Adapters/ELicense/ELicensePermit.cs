namespace ProactiveReissue.Adapters.ELicense;

/// <summary>A permit as e-license lists it (UniversalLicense).</summary>
public sealed record ELicensePermit(
    string IinBin,
    string? Series,
    string Number,
    string GlobalUniqueNumber,
    DateOnly? IssueDate,
    DateOnly? ValidityStartDate,
    DateOnly? ValidityEndDate,
    string ActivityType,
    string? Licensiar,
    string? Status,
    string? DocumentUrl);

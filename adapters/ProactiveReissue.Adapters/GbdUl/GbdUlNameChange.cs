namespace ProactiveReissue.Adapters.GbdUl;

/// <summary>One entry of the name-change feed (GBDUL_NameChanges, Schemas/gbdul-name-changes.xsd).</summary>
public sealed record GbdUlNameChange(
    string Bin, DateOnly ChangeDate, string PreviousNameRu, string? PreviousNameKz, string NewNameRu, string? NewNameKz);

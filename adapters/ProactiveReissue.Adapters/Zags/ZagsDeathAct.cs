namespace ProactiveReissue.Adapters.Zags;

/// <summary>A death record (act number, date and registry office, date of death).</summary>
public sealed record ZagsDeathAct(string ActNumber, DateOnly ActDate, string Office, DateOnly? DeathDate);

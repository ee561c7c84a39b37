namespace ProactiveReissue.Adapters.Zags;

/// <summary>The civil-status acts of a person the process reads: a death act and name changes.</summary>
public sealed record ZagsRecord(string Iin, ZagsDeathAct? DeathAct, IReadOnlyList<ZagsNameChangeAct> NameChanges);

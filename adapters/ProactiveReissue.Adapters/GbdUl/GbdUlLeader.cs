namespace ProactiveReissue.Adapters.GbdUl;

/// <summary>OrganizationLeader: the first head of the company.</summary>
public sealed record GbdUlLeader(string? Position, string Iin, string SurName, string Name, string? MiddleName);

namespace ProactiveReissue.Reissue.Coordinator;

/// <summary>One company × service of a dry run: would its first head get an SMS, and if not, why.</summary>
public sealed record DryRunLine(string Bin, string ServiceCode, string? HeadIin, string? Phone, bool WouldContact, string Reason);

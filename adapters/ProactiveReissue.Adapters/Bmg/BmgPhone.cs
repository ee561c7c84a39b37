namespace ProactiveReissue.Adapters.Bmg;

/// <summary>The mobile number registered in BMG for an IIN (E.164, e.g. +7701…).</summary>
public sealed record BmgPhone(string Iin, string Phone);

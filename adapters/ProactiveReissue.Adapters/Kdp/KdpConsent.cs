namespace ProactiveReissue.Adapters.Kdp;

/// <summary>The consent of a person; <paramref name="Token"/> (VALID only) is passed on to GBD FL as kdpToken.</summary>
public sealed record KdpConsent(string Iin, KdpStatus Status, string? Token);

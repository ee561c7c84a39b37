namespace ProactiveReissue.Adapters.ELicense;

/// <summary>
/// Reissue of a permit under the company's new name. <paramref name="RequestId"/> makes it idempotent: e-license
/// issues one document per request id and answers a repeated request with that same document.
/// </summary>
public sealed record ELicenseReissueRequest(string RequestId, string GlobalUniqueNumber, string IinBin, string NewNameRu, string? NewNameKz);

namespace ProactiveReissue.Adapters.Sdu;

/// <summary>
/// The result of one case written to SDU, with the recipient's updated data. <paramref name="CaseId"/> makes the
/// write idempotent: SDU keeps one result per case id. <paramref name="Documents"/>: numbers of the reissued documents.
/// </summary>
public sealed record SduCaseResult(
    string CaseId, string Bin, string HeadIin, string Result, string? NewNameRu, string? NewNameKz, IReadOnlyList<string> Documents, string? Phone);

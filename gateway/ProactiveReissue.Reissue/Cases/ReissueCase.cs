namespace ProactiveReissue.Reissue.Cases;

/// <summary>One company × one pilot service. Everything the process needs to resume after a restart.</summary>
public sealed record ReissueCase(
    string CaseId,
    string ServiceCode,
    string Bin,
    string NoticeId,
    CaseState State,
    DateTimeOffset DueAt,
    DateTimeOffset UpdatedAt,
    string? HeadIin = null,
    string? NewName = null,
    string? Phone = null,
    int SmsCount = 0,
    string PermitsJson = "[]",
    string DocumentsJson = "[]",
    string? Outcome = null)
{
    public bool IsTerminal => State >= CaseState.NoPermit;

    public static string IdFor(string serviceCode, string bin) => $"{serviceCode}-{bin}";
}

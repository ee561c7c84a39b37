namespace ProactiveReissue.Reissue.Cases;

/// <summary>One step of a case: what was asked, what came back, when (local time).</summary>
public sealed record CaseHistoryEntry(string CaseId, DateTimeOffset At, string Step, string Input, string Outcome);

namespace ProactiveReissue.Adapters.Zags;

/// <summary>A change-of-name record: the names before and after.</summary>
public sealed record ZagsNameChangeAct(
    string ActNumber, DateOnly ActDate, string Office, string PreviousSurname, string PreviousName, string NewSurname, string NewName);

namespace ProactiveReissue.Reissue.Coordinator;

/// <summary>What the coordinator did with an SMS reply (the bus answers the sender with it).</summary>
public enum ReplyOutcome
{
    Accepted,
    Refused,
    Unclear,
    NoCase,
    CaseAlreadyClosed,
}

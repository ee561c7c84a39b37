namespace ProactiveReissue.Reissue.Cases;

/// <summary>Where a case stands. Every state after <see cref="AwaitingReply"/> that ends the case is terminal.</summary>
public enum CaseState
{
    Opened,
    PermitsFound,
    HeadFound,
    PersonCleared,
    ConsentConfirmed,
    SmsPending,
    AwaitingReply,
    Consented,
    SduPending,

    // terminal
    NoPermit,
    NoHead,
    Excluded,
    NoConsent,
    NoPhone,
    Refused,
    NoReply,
    OrdinaryProcedure,
    Completed,
}

namespace ProactiveReissue.Monitoring.Statuses;

/// <summary>
/// The statuses of the proactive reissue process (wire names in UPPER_SNAKE: CASE_OPENED, PERMIT_FOUND, …), in
/// the order a case meets them. Texts and processing status: <see cref="MonitoringStatusCatalogue"/>.
/// </summary>
public enum MonitoringStatusCode
{
    CaseOpened,
    PermitFound,
    NoPermit,
    HeadIdentified,
    ExcludedDeadOrMissing,
    ExcludedAbroad,
    ExcludedIncapacitated,
    ExcludedImprisoned,
    ConsentMissing,
    NoPhone,
    SmsSent,
    SmsResent,
    ConsentGiven,
    ConsentRefused,
    NoReplyClosed,
    OrdinaryProcedure,
    PermitReissued,
    SduUpdated,
    Completed,
    Error,
}

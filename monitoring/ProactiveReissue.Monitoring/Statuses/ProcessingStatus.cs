namespace ProactiveReissue.Monitoring.Statuses;

/// <summary>
/// The coarse state of an application that a monitoring dashboard groups by (wire names IN_PROGRESS, COMPLETED,
/// CLOSED, REDIRECTED, ERROR). Each status code has exactly one; a case ends with exactly one final status.
/// </summary>
public enum ProcessingStatus
{
    /// <summary>The case goes on.</summary>
    InProgress,

    /// <summary>Final: the result was issued.</summary>
    Completed,

    /// <summary>Final: the proactive case ended without a result.</summary>
    Closed,

    /// <summary>Final: the service passes to the ordinary, non-proactive procedure.</summary>
    Redirected,

    /// <summary>A step failed; the case resumes once the fault is cleared.</summary>
    Error,
}

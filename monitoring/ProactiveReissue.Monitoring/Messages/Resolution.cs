namespace ProactiveReissue.Monitoring.Messages;

/// <summary>How an application ended (wire names APPROVED, REJECTED, CANCELLED, REDIRECTED).</summary>
public enum Resolution
{
    /// <summary>The result document was issued (the permit was reissued).</summary>
    Approved,

    /// <summary>The provider refused the application.</summary>
    Rejected,

    /// <summary>The proactive case ended without a result: no permit, an excluded recipient, no consent, no reply.</summary>
    Cancelled,

    /// <summary>The service passes to the ordinary, non-proactive procedure under the service's rules.</summary>
    Redirected,
}

namespace ProactiveReissue.Monitoring.Messages;

/// <summary>The state systems whose request ids a message may quote (wire names GBD_UL, GBD_FL, …).</summary>
public enum ExternalSystem
{
    GbdUl,
    GbdFl,
    Zags,
    Bmg,
    ELicense,
    Kdp,
    PepSms,
    Sdu,
}

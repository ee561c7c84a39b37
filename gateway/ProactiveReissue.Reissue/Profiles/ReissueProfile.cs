namespace ProactiveReissue.Reissue.Profiles;

/// <summary>
/// One pilot service as configuration, not code: the permit types it reissues, the SMS texts, and what
/// a missing phone or a refusal means. A third service is one more profile in the settings.
/// </summary>
public sealed class ReissueProfile
{
    public string ServiceCode { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>e-license permit types that make a company a candidate.</summary>
    public List<string> PermitTypes { get; set; } = [];

    /// <summary>Appendix 1 text, Russian (verbatim from the seed).</summary>
    public string SmsTextRu { get; set; } = string.Empty;

    /// <summary>Appendix 1 text, Kazakh (verbatim from the seed), when the seed has one.</summary>
    public string? SmsTextKk { get; set; }

    public FinalOutcome WhenNoPhone { get; set; } = FinalOutcome.End;

    public FinalOutcome WhenRefused { get; set; } = FinalOutcome.End;

    /// <summary>How long to wait for a reply before the one resend, and again before the case ends (seeds: 3 days).</summary>
    public TimeSpan ReplyWait { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The text actually sent: Kazakh and Russian when both exist.</summary>
    public string SmsText => SmsTextKk is null ? SmsTextRu : SmsTextKk + "\n" + SmsTextRu;
}

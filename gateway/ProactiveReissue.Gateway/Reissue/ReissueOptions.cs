using ProactiveReissue.Reissue.Profiles;

namespace ProactiveReissue.Gateway.Reissue;

/// <summary>The proactive reissue process ("Gateway:Reissue").</summary>
public sealed class ReissueOptions
{
    /// <summary>Run the coordinator in this gateway. Needs the adapters (the state systems) configured.</summary>
    public bool Enabled { get; set; }

    public string SqlitePath { get; set; } = "data/cases.db";

    /// <summary>How often due timers are looked at.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>How many due cases advance at once (each case one step at a time): the other systems' latency is what a case waits on.</summary>
    public int MaxParallelCases { get; set; } = 16;

    /// <summary>
    /// How long a read made for one case of a company (e-license permits, GBD UL, GBD FL + ZAGS, KDP, BMG) also
    /// answers the company's other cases; 0 turns sharing off. At most 30 s (half the one-minute retry of a failed step), whatever is set.
    /// </summary>
    public int SharedReadSeconds { get; set; } = 10;

    /// <summary>How often the GBD UL name-change feed is read; 0 turns polling off (notices can still be pushed through the bus).</summary>
    public int FeedPollMinutes { get; set; } = 15;

    /// <summary>How far back each poll reads the feed; a company already in a case is not opened again.</summary>
    public int FeedLookbackDays { get; set; } = 7;

    /// <summary>The provider named in monitoring statuses (BIN with a valid check digit, and name).</summary>
    public string ProviderBin { get; set; } = "990340001230";

    public string ProviderName { get; set; } = "Услугодатель (настройка Gateway:Reissue:ProviderName)";

    /// <summary>The pilot services; empty means the two pilots of mission.md with the seeds' texts.</summary>
    public List<ReissueProfile> Profiles { get; set; } = [];
}

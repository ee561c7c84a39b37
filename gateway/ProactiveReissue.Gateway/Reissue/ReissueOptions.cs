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

    /// <summary>The provider named in monitoring statuses (BIN with a valid check digit, and name).</summary>
    public string ProviderBin { get; set; } = "990340001230";

    public string ProviderName { get; set; } = "Услугодатель (настройка Gateway:Reissue:ProviderName)";

    /// <summary>The pilot services; empty means the two pilots of mission.md with the seeds' texts.</summary>
    public List<ReissueProfile> Profiles { get; set; } = [];
}

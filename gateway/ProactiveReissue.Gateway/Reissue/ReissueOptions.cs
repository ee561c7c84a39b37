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

    /// <summary>The pilot services; empty means the two pilots of mission.md with the seeds' texts.</summary>
    public List<ReissueProfile> Profiles { get; set; } = [];
}

using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Reissue.Coordinator;
using ProactiveReissue.Reissue.Ports;
using ProactiveReissue.Reissue.Profiles;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Reissue;

/// <summary>The GBD UL feed opens cases once; the dry run says who would be contacted and sends nothing.</summary>
public sealed class ReissueFeedTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-feed-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly FakePorts _ports = new();

    public ReissueFeedTests()
    {
        foreach (var (bin, iin, phone, exclusion) in new[] { ("260540111001", "850312300111", "+77015550101", Exclusion.None), ("260540222002", "850312300222", (string?)null, Exclusion.None), ("260540333003", "850312300333", "+77015550103", Exclusion.Imprisoned) })
        {
            _ports.Permits[bin] = [new Permit("P-" + bin, "ECO_PERMIT_I", bin)];
            _ports.Companies[bin] = new Company(bin, "ТОО «Жаңа»", null, iin);
            _ports.Exclusions[iin] = exclusion;
            if (phone is not null)
            {
                _ports.Phones[iin] = phone;
            }

            _ports.Feed.Add(new NameChangeNotice("feed-" + bin, bin, _time.GetUtcNow()));
        }
    }

    [Fact]
    public async Task PollFeed_Twice_OpensEachCompanyOncePerService()
    {
        var coordinator = Coordinator();
        var since = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).AddDays(-1);

        var first = await coordinator.PollFeedAsync(since, default);
        var second = await coordinator.PollFeedAsync(since, default);

        Assert.Equal(6, first);
        Assert.Equal(0, second);
    }

    [Fact]
    public async Task DryRun_Feed_SaysWhoWouldBeContactedAndSendsNothing()
    {
        var coordinator = Coordinator();

        var lines = await coordinator.DryRunAsync(DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).AddDays(-1), default);

        var eco = lines.Where(l => l.ServiceCode == PilotProfiles.EcoPermit).ToDictionary(l => l.Bin);
        Assert.True(eco["260540111001"].WouldContact);
        Assert.Equal("8503******11", eco["260540111001"].HeadIin);
        Assert.Equal("********0101", eco["260540111001"].Phone);
        Assert.Contains("no phone", eco["260540222002"].Reason, StringComparison.Ordinal);
        Assert.Contains("Imprisoned", eco["260540333003"].Reason, StringComparison.Ordinal);
        Assert.All(lines.Where(l => l.ServiceCode == PilotProfiles.TrustedSoftware), l => Assert.False(l.WouldContact));
        Assert.Empty(_ports.SmsByKey);
        Assert.Empty(await new SqliteCaseStore(Path.Combine(_directory, "cases.db")).CountsAsync(default));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private ReissueCoordinator Coordinator() => new(new SqliteCaseStore(Path.Combine(_directory, "cases.db")), _ports, PilotProfiles.Defaults(), _time);
}

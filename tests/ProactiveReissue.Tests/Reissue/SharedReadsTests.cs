using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Reissue.Coordinator;
using ProactiveReissue.Reissue.Ports;
using ProactiveReissue.Reissue.Profiles;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Reissue;

/// <summary>One read per company for its cases of both services: e-license's permits and the head's lookups.</summary>
public sealed class SharedReadsTests : IDisposable
{
    private const string Bin = "260540111001";
    private const string HeadIin = "850312300111";
    private const string Phone = "+77015550101";
    private static readonly string[] AllTypes = ["ECO_PERMIT_I", "ECO_PERMIT_II", "TRUSTED_SOFTWARE"];
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-shared-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly FakePorts _ports = new();

    public SharedReadsTests()
    {
        _ports.Permits[Bin] = [new Permit("KZ01VCZ0001", "ECO_PERMIT_I", Bin), new Permit("TS-001", "TRUSTED_SOFTWARE", Bin)];
        _ports.Companies[Bin] = new Company(Bin, "ТОО «Жаңа Атау»", "ТОО «Старое Имя»", HeadIin);
        _ports.Phones[HeadIin] = Phone;
    }

    [Fact]
    public async Task RunDueAsync_CompanyWithBothServices_ReadsEachSystemOnceAndEachCaseKeepsItsSteps()
    {
        // Arrange
        var store = new SqliteCaseStore(Path.Combine(_directory, "cases.db"));
        var coordinator = new ReissueCoordinator(store, _ports, PilotProfiles.Defaults(), _time);
        var opened = await coordinator.OpenAsync(new NameChangeNotice("N-1", Bin, _time.GetUtcNow()), default);

        // Act
        await coordinator.RunDueAsync(default, parallelism: 16);

        // Assert
        Assert.Equal(2, opened.Count);
        Assert.Equal(new Dictionary<string, int> { ["permits"] = 1, ["company"] = 1, ["person"] = 1, ["consent"] = 1, ["phone"] = 1 }, _ports.Reads.OrderBy(r => r.Key).ToDictionary());
        Assert.Equal(2, _ports.SmsByKey.Count);
        foreach (var caseId in opened)
        {
            Assert.Equal(CaseState.AwaitingReply, (await store.GetAsync(caseId, default))!.State);
            Assert.Equal(["open", "permits", "company", "person", "consent", "phone", "sms"], (await store.HistoryAsync(caseId, default)).Select(h => h.Step));
        }

        await store.DisposeAsync();
    }

    [Fact]
    public async Task FindPermitsAsync_TwoServices_OneCallEachGetsItsOwnTypes()
    {
        var reads = new SharedReads(_ports, AllTypes, _time, TimeSpan.FromSeconds(10));

        var eco = await reads.FindPermitsAsync(Bin, ["ECO_PERMIT_I", "ECO_PERMIT_II"], default);
        var trusted = await reads.FindPermitsAsync(Bin, ["TRUSTED_SOFTWARE"], default);

        Assert.Equal(["KZ01VCZ0001"], eco.Value!.Select(p => p.Number));
        Assert.Equal(["TS-001"], trusted.Value!.Select(p => p.Number));
        Assert.Equal(1, _ports.Reads["permits"]);
    }

    [Fact]
    public async Task FindPermitsAsync_FirstCallFails_FailureIsNotShared()
    {
        _ports.FailPermitCalls = 1;
        var reads = new SharedReads(_ports, AllTypes, _time, TimeSpan.FromSeconds(10));

        var first = await reads.FindPermitsAsync(Bin, ["ECO_PERMIT_I"], default);
        var second = await reads.FindPermitsAsync(Bin, ["TRUSTED_SOFTWARE"], default);

        Assert.True(first.IsFailure);
        Assert.False(second.IsFailure);
        Assert.Equal(2, _ports.Reads["permits"]);
    }

    [Fact]
    public async Task FindMobileAsync_AfterTheWindow_ReadsAgainAndForgetsTheOldAnswer()
    {
        var reads = new SharedReads(_ports, AllTypes, _time, TimeSpan.FromSeconds(10));
        await reads.FindMobileAsync(HeadIin, default);
        _ports.Phones[HeadIin] = "+77015550202";

        _time.Advance(TimeSpan.FromSeconds(10));
        var later = await reads.FindMobileAsync(HeadIin, default);

        Assert.Equal("+77015550202", later.Value);
        Assert.Equal(2, _ports.Reads["phone"]);
        Assert.Equal(1, reads.Count);
    }

    [Fact]
    public async Task CheckConsentAsync_WindowZero_EveryCallReads()
    {
        var reads = new SharedReads(_ports, AllTypes, _time, TimeSpan.Zero);

        await reads.CheckConsentAsync(HeadIin, default);
        await reads.CheckConsentAsync(HeadIin, default);

        Assert.Equal(2, _ports.Reads["consent"]);
        Assert.Equal(0, reads.Count);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

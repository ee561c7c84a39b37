using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Reissue.Coordinator;
using ProactiveReissue.Reissue.Ports;
using ProactiveReissue.Reissue.Profiles;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Reissue;

/// <summary>Every path of both pilot services, on a real SQLite case store, with 3-day waits in fake time.</summary>
public sealed class ReissueCoordinatorTests : IDisposable
{
    private const string Bin = "260540111001";
    private const string HeadIin = "850312300111";
    private const string Phone = "+77015550101";
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-cases-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly FakePorts _ports = new();

    public ReissueCoordinatorTests()
    {
        _ports.Permits[Bin] = [new Permit("KZ01VCZ0001", "ECO_PERMIT_I", Bin), new Permit("KZ02VCZ0002", "ECO_PERMIT_II", Bin), new Permit("TS-001", "TRUSTED_SOFTWARE", Bin)];
        _ports.Companies[Bin] = new Company(Bin, "ТОО «Жаңа Атау»", "ТОО «Старое Имя»", HeadIin);
        _ports.Phones[HeadIin] = Phone;
    }

    [Theory]
    [InlineData(PilotProfiles.EcoPermit, 2)]
    [InlineData(PilotProfiles.TrustedSoftware, 1)]
    public async Task Reply1_ReissuesEveryPermitWritesSduOnceAndCompletes(string service, int permits)
    {
        var (coordinator, caseId) = await OpenAsync(service);

        var outcome = await coordinator.HandleReplyAsync(Phone, "1", default);

        Assert.Equal(ReplyOutcome.Accepted, outcome);
        Assert.Equal(CaseState.Completed, (await Store().GetAsync(caseId, default))!.State);
        Assert.Single(_ports.SmsByKey);
        Assert.Equal(permits, _ports.ReissuedByKey.Count);
        Assert.Single(_ports.SduByKey);
        Assert.Equal(["CASE_OPENED", "PERMIT_FOUND", "HEAD_IDENTIFIED", "SMS_SENT", "CONSENT_GIVEN", "PERMIT_REISSUED", "SDU_UPDATED", "COMPLETED"], _ports.Statuses.Where(s => s.Case == caseId).Select(s => s.Status));
    }

    [Theory]
    [InlineData(PilotProfiles.EcoPermit, CaseState.Refused)]
    [InlineData(PilotProfiles.TrustedSoftware, CaseState.OrdinaryProcedure)]
    public async Task Reply2_EndsOrGoesTheOrdinaryWay(string service, CaseState expected)
    {
        var (coordinator, caseId) = await OpenAsync(service);

        Assert.Equal(ReplyOutcome.Refused, await coordinator.HandleReplyAsync(Phone, "2", default));

        Assert.Equal(expected, (await Store().GetAsync(caseId, default))!.State);
        Assert.Empty(_ports.ReissuedByKey);
    }

    [Fact]
    public async Task NoReply_ResendsOnceThenReplyCompletes()
    {
        var (coordinator, caseId) = await OpenAsync(PilotProfiles.EcoPermit);

        _time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await coordinator.RunDueAsync(default);
        var outcome = await coordinator.HandleReplyAsync(Phone, " 1 ", default);

        Assert.Equal(ReplyOutcome.Accepted, outcome);
        Assert.Equal(2, _ports.SmsByKey.Count);
        Assert.Equal(CaseState.Completed, (await Store().GetAsync(caseId, default))!.State);
    }

    [Fact]
    public async Task NoReplyTwice_ClosesTheCaseAfterExactlyTwoSms()
    {
        var (coordinator, caseId) = await OpenAsync(PilotProfiles.EcoPermit);

        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
            await coordinator.RunDueAsync(default);
        }

        Assert.Equal(CaseState.NoReply, (await Store().GetAsync(caseId, default))!.State);
        Assert.Equal(2, _ports.SmsByKey.Count);
        Assert.Equal(ReplyOutcome.CaseAlreadyClosed, await coordinator.HandleReplyAsync(Phone, "1", default));
        Assert.Empty(_ports.ReissuedByKey);
    }

    [Theory]
    [InlineData(Exclusion.MissingOrDead)]
    [InlineData(Exclusion.ResidesAbroad)]
    [InlineData(Exclusion.Incapacitated)]
    [InlineData(Exclusion.Imprisoned)]
    public async Task ExclusionCriterion_EndsTheCaseWithoutSms(Exclusion exclusion)
    {
        _ports.Exclusions[HeadIin] = exclusion;

        var (_, caseId) = await OpenAsync(PilotProfiles.EcoPermit);

        var @case = (await Store().GetAsync(caseId, default))!;
        Assert.Equal(CaseState.Excluded, @case.State);
        Assert.Contains(exclusion.ToString(), @case.Outcome, StringComparison.Ordinal);
        Assert.Empty(_ports.SmsByKey);
    }

    [Theory]
    [InlineData(PilotProfiles.EcoPermit, CaseState.NoPhone)]
    [InlineData(PilotProfiles.TrustedSoftware, CaseState.OrdinaryProcedure)]
    public async Task NoPhone_EndsOrGoesTheOrdinaryWay(string service, CaseState expected)
    {
        _ports.Phones.Clear();

        var (_, caseId) = await OpenAsync(service);

        Assert.Equal(expected, (await Store().GetAsync(caseId, default))!.State);
        Assert.Empty(_ports.SmsByKey);
    }

    [Fact]
    public async Task NoPermit_And_NoConsent_EndWithoutSms()
    {
        _ports.Permits[Bin] = [];
        var (_, noPermit) = await OpenAsync(PilotProfiles.EcoPermit);
        _ports.Permits[Bin] = [new Permit("KZ01", "ECO_PERMIT_I", Bin)];
        _ports.Consents[HeadIin] = Consent.Invalid;
        var (_, noConsent) = await OpenAsync(PilotProfiles.EcoPermit, otherBin: "260540222002");

        Assert.Equal(CaseState.NoPermit, (await Store().GetAsync(noPermit, default))!.State);
        Assert.Equal(CaseState.NoConsent, (await Store().GetAsync(noConsent, default))!.State);
        Assert.Empty(_ports.SmsByKey);
    }

    [Fact]
    public async Task SameNoticeTwice_MakesOneCase()
    {
        var coordinator = Coordinator(PilotProfiles.EcoPermit);
        var notice = new NameChangeNotice("N-1", Bin, _time.GetUtcNow());

        var first = await coordinator.OpenAsync(notice, default);
        var second = await coordinator.OpenAsync(notice, default);

        Assert.Single(first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task Restart_DuringTheWait_ResumesWithoutADuplicateSms()
    {
        var (_, caseId) = await OpenAsync(PilotProfiles.EcoPermit);

        var restarted = Coordinator(PilotProfiles.EcoPermit);
        await restarted.RunDueAsync(default);
        _time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await restarted.RunDueAsync(default);
        await restarted.RunDueAsync(default);

        Assert.Equal(2, _ports.SmsByKey.Count);
        Assert.Equal(CaseState.AwaitingReply, (await Store().GetAsync(caseId, default))!.State);
    }

    [Fact]
    public async Task TransientFailure_IsRetriedLaterAndRecorded()
    {
        _ports.FailPermitCalls = 1;
        var (coordinator, caseId) = await OpenAsync(PilotProfiles.EcoPermit);
        Assert.Equal(CaseState.Opened, (await Store().GetAsync(caseId, default))!.State);

        _time.Advance(ReissueCoordinator.RetryAfterFailure);
        await coordinator.RunDueAsync(default);

        Assert.Equal(CaseState.AwaitingReply, (await Store().GetAsync(caseId, default))!.State);
        Assert.Contains(await Store().HistoryAsync(caseId, default), h => h.Outcome.StartsWith("will retry", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("да", ReplyOutcome.Accepted)]
    [InlineData("1 согласен", ReplyOutcome.Accepted)]
    [InlineData("2-не согласен(на)", ReplyOutcome.Refused)]
    [InlineData("что это?", ReplyOutcome.Unclear)]
    public async Task Reply_AsPeopleWriteIt_IsUnderstoodOrRecorded(string text, ReplyOutcome expected)
    {
        var (coordinator, _) = await OpenAsync(PilotProfiles.EcoPermit);

        Assert.Equal(expected, await coordinator.HandleReplyAsync(Phone, text, default));
    }

    [Fact]
    public async Task Reply_FromANumberWithNoCase_IsRecordedNotFailed()
    {
        var coordinator = Coordinator(PilotProfiles.EcoPermit);

        Assert.Equal(ReplyOutcome.NoCase, await coordinator.HandleReplyAsync("+77000000000", "1", default));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private SqliteCaseStore Store() => new(Path.Combine(_directory, "cases.db"));

    private ReissueCoordinator Coordinator(string service) =>
        new(Store(), _ports, PilotProfiles.Defaults().Where(p => p.ServiceCode == service).ToList(), _time);

    private async Task<(ReissueCoordinator Coordinator, string CaseId)> OpenAsync(string service, string? otherBin = null)
    {
        var bin = otherBin ?? Bin;
        if (otherBin is not null)
        {
            _ports.Permits[bin] = _ports.Permits[Bin];
            _ports.Companies[bin] = _ports.Companies[Bin] with { Bin = bin };
        }

        var coordinator = Coordinator(service);
        await coordinator.OpenAsync(new NameChangeNotice("N-" + bin, bin, _time.GetUtcNow()), default);
        await coordinator.RunDueAsync(default);
        return (coordinator, ReissueCase.IdFor(service, bin));
    }
}

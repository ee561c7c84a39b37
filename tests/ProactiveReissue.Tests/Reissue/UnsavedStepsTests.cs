using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Reissue.Coordinator;
using ProactiveReissue.Reissue.Ports;
using ProactiveReissue.Reissue.Profiles;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Reissue;

/// <summary>The read steps' state changes are saved together with the change before the SMS, never after it.</summary>
public sealed class UnsavedStepsTests : IDisposable
{
    private const string Bin = "260540111001";
    private const string HeadIin = "850312300111";
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-unsaved-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly FakePorts _ports = new();
    private readonly SqliteCaseStore _sqlite;
    private readonly CountingCaseStore _store;
    private readonly ReissueCoordinator _coordinator;
    private readonly string _caseId = ReissueCase.IdFor(PilotProfiles.EcoPermit, Bin);

    public UnsavedStepsTests()
    {
        _ports.Permits[Bin] = [new Permit("KZ01VCZ0001", "ECO_PERMIT_I", Bin)];
        _ports.Companies[Bin] = new Company(Bin, "ТОО «Жаңа Атау»", "ТОО «Старое Имя»", HeadIin);
        _ports.Phones[HeadIin] = "+77015550101";
        _sqlite = new SqliteCaseStore(Path.Combine(_directory, "cases.db"));
        _store = new CountingCaseStore(_sqlite);
        _coordinator = new ReissueCoordinator(_store, _ports, PilotProfiles.Defaults().Where(p => p.ServiceCode == PilotProfiles.EcoPermit).ToList(), _time);
    }

    [Fact]
    public async Task RunDueAsync_ReadSteps_AreDurableTogetherBeforeTheSms()
    {
        // Arrange
        CaseState? durableAtSms = null;
        _ports.OnSms = _ => durableAtSms = _store.LastSaved[_caseId];
        await _coordinator.OpenAsync(new NameChangeNotice("N-1", Bin, _time.GetUtcNow()), default);

        // Act
        await _coordinator.RunDueAsync(default);

        // Assert: open, then SmsPending with the five read steps' lines, then AwaitingReply.
        Assert.Equal(CaseState.SmsPending, durableAtSms);
        Assert.Equal(3, _store.Writes[_caseId]);
        Assert.Equal(["open", "permits", "company", "person", "consent", "phone", "sms"], (await _store.HistoryAsync(_caseId, default)).Select(h => h.Step));
        Assert.Equal(["CASE_OPENED", "PERMIT_FOUND", "HEAD_IDENTIFIED", "SMS_SENT"], _ports.Statuses.Select(s => s.Status));
    }

    [Fact]
    public async Task RunDueAsync_FailureAfterReadSteps_SavesThemWithTheRetry()
    {
        // Arrange: KDP keeps the consent pending, so the case waits after the person check.
        _ports.Consents[HeadIin] = Consent.Pending;
        await _coordinator.OpenAsync(new NameChangeNotice("N-1", Bin, _time.GetUtcNow()), default);

        // Act
        await _coordinator.RunDueAsync(default);

        // Assert
        var saved = (await _store.GetAsync(_caseId, default))!;
        Assert.Equal(CaseState.PersonCleared, saved.State);
        Assert.Equal(_time.GetUtcNow() + ReissueCoordinator.RetryAfterFailure, saved.DueAt);
        Assert.Equal(["open", "permits", "company", "person", "consent"], (await _store.HistoryAsync(_caseId, default)).Select(h => h.Step));
        Assert.Equal(["CASE_OPENED", "PERMIT_FOUND", "HEAD_IDENTIFIED"], _ports.Statuses.Select(s => s.Status));
    }

    public void Dispose()
    {
        _sqlite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

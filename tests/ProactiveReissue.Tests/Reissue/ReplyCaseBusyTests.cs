using System.Xml;
using ProactiveReissue.Gateway.Reissue;
using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Reissue.Coordinator;
using ProactiveReissue.Reissue.Ports;
using ProactiveReissue.Reissue.Profiles;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Reissue;

/// <summary>A reply whose case another instance holds for the whole wait is refused with SCE030 and leaves the case as it was.</summary>
public sealed class ReplyCaseBusyTests : IDisposable
{
    private const string Bin = "260540111001";
    private const string HeadIin = "850312300111";
    private const string Phone = "+77015550101";
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-busy-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly FakePorts _ports = new();

    [Fact]
    public async Task HandleAsync_CaseHeldElsewhereForTheWholeWait_FaultsSce030AndRecordsNothing()
    {
        _ports.Permits[Bin] = [new Permit("KZ01VCZ0001", "ECO_PERMIT_I", Bin)];
        _ports.Companies[Bin] = new Company(Bin, "ТОО «Жаңа Атау»", "ТОО «Старое Имя»", HeadIin);
        _ports.Phones[HeadIin] = Phone;
        var profiles = PilotProfiles.Defaults().Where(p => p.ServiceCode == PilotProfiles.EcoPermit).ToList();
        var here = new ReissueCoordinator(Store(), _ports, profiles, _time);
        await here.OpenAsync(new NameChangeNotice("N-1", Bin, _time.GetUtcNow()), default);
        await here.RunDueAsync(default);
        var caseId = ReissueCase.IdFor(PilotProfiles.EcoPermit, Bin);
        var historyBefore = (await Store().HistoryAsync(caseId, default)).Count;
        var busy = new ReissueCoordinator(Store(), _ports, profiles, _time, new HeldElsewhere()) { ReplyLeaseWait = TimeSpan.FromMilliseconds(100) };
        var data = new XmlDocument();
        data.LoadXml($"<data><smsReply xmlns='urn:proactive-reissue:reissue:v1'><phone>{Phone}</phone><text>1</text></smsReply></data>");

        var fault = await Assert.ThrowsAsync<ShepException>(() => new SmsReplyService(busy).HandleAsync(null!, data.DocumentElement, null!, default));

        Assert.Equal("SCE030", fault.Fault.Code);
        Assert.Contains("stayed busy", fault.Detail, StringComparison.Ordinal);
        Assert.Equal(CaseState.AwaitingReply, (await Store().GetAsync(caseId, default))!.State);
        Assert.Equal(historyBefore, (await Store().HistoryAsync(caseId, default)).Count);
        Assert.Empty(_ports.ReissuedByKey);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private SqliteCaseStore Store() => new(Path.Combine(_directory, "cases.db"));

    /// <summary>Another instance holds every case's lease.</summary>
    private sealed class HeldElsewhere : ICaseLease
    {
        public Task<ICaseLeaseHandle?> TryAcquireAsync(string caseId, CancellationToken cancellationToken) => Task.FromResult<ICaseLeaseHandle?>(null);
    }
}

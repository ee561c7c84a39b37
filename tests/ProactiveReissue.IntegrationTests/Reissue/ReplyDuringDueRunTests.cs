using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Reissue.Coordinator;
using ProactiveReissue.Reissue.Ports;
using ProactiveReissue.Reissue.Profiles;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.IntegrationTests.Reissue;

/// <summary>
/// A "1" runs its case inline (reissue, then SDU) while the timer loop, which advances many cases at
/// once, finds the same case due: the case must be advanced once, not twice from two snapshots.
/// Real SQLite store; the e-license reissue is held open until the loop has had its turn.
/// </summary>
public sealed class ReplyDuringDueRunTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-reply-race-").FullName;

    [Fact]
    public async Task RunDueAsync_WhileAReplyRunsTheCase_LeavesItToTheReplyAndReissuesOnce()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 5, 0, 0, TimeSpan.Zero));
        var ports = new HeldReissuePorts(new OneCompanyPorts("180540001000", "850312300012", "+77010000101"));
        await using var store = new SqliteCaseStore(Path.Combine(_directory, "cases.db"));
        var coordinator = new ReissueCoordinator(store, ports, [PilotProfiles.Defaults()[0]], time);
        await coordinator.OpenAsync(new NameChangeNotice("n-1", "180540001000", time.GetUtcNow()), default);
        await coordinator.RunDueAsync(default);

        var reply = coordinator.HandleReplyAsync("+77010000101", "1", default);
        await ports.ReissueEntered.Task;
        var loop = coordinator.RunDueAsync(default, parallelism: 4);
        await Task.WhenAny(loop, Task.Delay(TimeSpan.FromSeconds(2)));
        ports.Release.TrySetResult();
        var outcome = await reply;
        var loopSteps = await loop;

        Assert.Equal(ReplyOutcome.Accepted, outcome);
        Assert.Equal(0, loopSteps);
        Assert.Equal(1, ports.Reissues);
        Assert.Equal(1, ports.SduWrites);
        Assert.Equal(CaseState.Completed, (await store.GetAsync("ECO_PERMIT_I_II-180540001000", default))!.State);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The one-company ports with the reissue held until released, and the writes counted.</summary>
    private sealed class HeldReissuePorts(OneCompanyPorts inner) : IReissuePorts
    {
        private int _reissues;
        private int _sdu;

        public TaskCompletionSource ReissueEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reissues => _reissues;

        public int SduWrites => _sdu;

        public Task<PortResult<IReadOnlyList<NameChangeNotice>>> FetchNameChangesAsync(DateOnly since, CancellationToken cancellationToken) => inner.FetchNameChangesAsync(since, cancellationToken);

        public Task<PortResult<IReadOnlyList<Permit>>> FindPermitsAsync(string bin, IReadOnlyList<string> types, CancellationToken cancellationToken) => inner.FindPermitsAsync(bin, types, cancellationToken);

        public Task<PortResult<Company>> GetCompanyAsync(string bin, CancellationToken cancellationToken) => inner.GetCompanyAsync(bin, cancellationToken);

        public Task<PortResult<Exclusion>> CheckPersonAsync(string iin, CancellationToken cancellationToken) => inner.CheckPersonAsync(iin, cancellationToken);

        public Task<PortResult<Consent>> CheckConsentAsync(string iin, CancellationToken cancellationToken) => inner.CheckConsentAsync(iin, cancellationToken);

        public Task<PortResult<string>> FindMobileAsync(string iin, CancellationToken cancellationToken) => inner.FindMobileAsync(iin, cancellationToken);

        public Task<PortResult<string>> SendSmsAsync(string to, string text, string key, CancellationToken cancellationToken) => inner.SendSmsAsync(to, text, key, cancellationToken);

        public async Task<PortResult<string>> ReissuePermitAsync(Permit permit, string newName, string key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reissues);
            ReissueEntered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return await inner.ReissuePermitAsync(permit, newName, key, cancellationToken);
        }

        public Task<PortResult<bool>> WriteToSduAsync(string caseId, string bin, string headIin, string newName, IReadOnlyList<string> documents, string key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sdu);
            return inner.WriteToSduAsync(caseId, bin, headIin, newName, documents, key, cancellationToken);
        }

        public Task PublishStatusAsync(string applicationNumber, string serviceCode, string status, CancellationToken cancellationToken) => inner.PublishStatusAsync(applicationNumber, serviceCode, status, cancellationToken);
    }
}

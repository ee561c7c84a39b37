using Microsoft.Data.Sqlite;
using ProactiveReissue.Reissue.Cases;

namespace ProactiveReissue.Tests.Reissue;

/// <summary>The store keeps its writer connection and its read sessions open with prepared statements; a failed write must not spoil them.</summary>
public sealed class SqliteCaseStoreSessionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(5));
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-casestore-session-").FullName;
    private SqliteCaseStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteCaseStore(Path.Combine(_directory, "cases.db"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task SaveAsync_AfterAFailedWrite_CommitsAndReadsBack()
    {
        var bad = Case("ECO-1") with { ServiceCode = null! }; // NOT NULL column: the batch fails
        await Assert.ThrowsAsync<SqliteException>(() => _store.SaveAsync(bad, Line("ECO-1", "bad"), CancellationToken.None));

        var good = Case("ECO-2") with { State = CaseState.SmsPending, Phone = "+77020000001" };
        await _store.SaveAsync(good, [Line("ECO-2", "permits"), Line("ECO-2", "phone")], CancellationToken.None);

        Assert.Null(await _store.GetAsync("ECO-1", CancellationToken.None));
        Assert.Equal(CaseState.SmsPending, (await _store.GetAsync("ECO-2", CancellationToken.None))!.State);
        Assert.Equal(["permits", "phone"], (await _store.HistoryAsync("ECO-2", CancellationToken.None)).Select(h => h.Step));
    }

    [Fact]
    public async Task GetAsync_ManyConcurrentReadsOfChangingCases_SeeEachCommittedState()
    {
        var ids = Enumerable.Range(0, 40).Select(i => $"ECO-{i}").ToList();
        foreach (var id in ids)
        {
            Assert.True(await _store.TryCreateAsync(Case(id), Line(id, "open"), CancellationToken.None));
        }

        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, token) =>
        {
            foreach (var state in new[] { CaseState.PermitsFound, CaseState.SmsPending, CaseState.AwaitingReply })
            {
                await _store.SaveAsync(Case(id) with { State = state }, Line(id, state.ToString()), token);
                Assert.Equal(state, (await _store.GetAsync(id, token))!.State);
            }
        });

        Assert.Equal(ids.Count, (await _store.CountsAsync(CancellationToken.None))[CaseState.AwaitingReply]);
    }

    private static ReissueCase Case(string id) => new(id, "ECO", "260449000001", "notice-1", CaseState.Opened, Now, Now);

    private static CaseHistoryEntry Line(string id, string step) => new(id, Now, step, "input", "outcome");
}

using ProactiveReissue.Reissue.Cases;

namespace ProactiveReissue.IntegrationTests.Reissue;

/// <summary>
/// The SQLite case store under many cases at once (the coordinator advances up to MaxParallelCases
/// together and their writes are committed in shared transactions): nothing is lost, nothing doubled,
/// and what a call returned is in the file for the next process.
/// </summary>
public sealed class SqliteCaseStoreConcurrencyTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(5));
    private static readonly CaseState[] Steps = [CaseState.PermitsFound, CaseState.HeadFound, CaseState.PersonCleared, CaseState.ConsentConfirmed, CaseState.SmsPending];
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-cases-").FullName;

    [Fact]
    public async Task SaveAsync_HundredCasesAtOnce_EveryChangeAndHistoryLineIsInTheFile()
    {
        var path = Path.Combine(_directory, "cases.db");
        await using (var store = new SqliteCaseStore(path))
        {
            await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
            {
                var c = Case(i);
                Assert.True(await store.TryCreateAsync(c, new CaseHistoryEntry(c.CaseId, At, "open", "notice", "Opened"), default));
                foreach (var state in Steps)
                {
                    c = c with { State = state, SmsCount = (int)state };
                    await store.SaveAsync(c, new CaseHistoryEntry(c.CaseId, At, state.ToString(), "input", "outcome"), default);
                }
            }));
        }

        await using var reopened = new SqliteCaseStore(path);
        var cases = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => reopened.GetAsync(Case(i).CaseId, default)));
        var histories = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => reopened.HistoryAsync(Case(i).CaseId, default)));
        var counts = await reopened.CountsAsync(default);

        Assert.All(cases, c => Assert.Equal((CaseState.SmsPending, (int)CaseState.SmsPending), (c!.State, c.SmsCount)));
        Assert.All(histories, h => Assert.Equal(["open", .. Steps.Select(s => s.ToString())], h.Select(e => e.Step)));
        Assert.Equal(100, counts[CaseState.SmsPending]);
    }

    [Fact]
    public async Task TryCreateAsync_SameCaseTwentyTimesAtOnce_CreatesItOnceWithOneHistoryLine()
    {
        await using var store = new SqliteCaseStore(Path.Combine(_directory, "cases.db"));
        var c = Case(7);

        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => store.TryCreateAsync(c, new CaseHistoryEntry(c.CaseId, At, "open", "notice", "Opened"), default)));

        Assert.Single(created, true);
        Assert.Single(await store.HistoryAsync(c.CaseId, default));
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

    private static ReissueCase Case(int i) => new($"ECO_PERMIT_I_II-26044900{i:D4}", "ECO_PERMIT_I_II", $"26044900{i:D4}", $"n-{i}", CaseState.Opened, At, At);
}

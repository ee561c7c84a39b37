using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>
/// The one contract every case store keeps (SQLite, Redis), taken from what the coordinator relies on:
/// one case per notice, state and history saved together, timers, replies matched by phone, counts.
/// </summary>
public abstract class CaseStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = FakeTimeProvider.DefaultStart;

    protected ICaseStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A fresh, empty store.</summary>
    protected abstract Task<ICaseStore> CreateAsync();

    protected static ReissueCase Case(string bin, CaseState state = CaseState.Opened, DateTimeOffset? due = null, DateTimeOffset? updated = null, string? phone = null) =>
        new($"ECO-{bin}", "ECO", bin, "notice-" + bin, state, due ?? T0, updated ?? T0, Phone: phone);

    private static CaseHistoryEntry Line(ReissueCase c, string outcome) => new(c.CaseId, T0, "step", "input", outcome);

    [Fact]
    public async Task TryCreateAsync_NewCase_StoresItWithItsHistoryLine()
    {
        var c = Case("100");

        var created = await Store.TryCreateAsync(c, Line(c, "Opened"), default);

        Assert.True(created);
        Assert.Equal(c, await Store.GetAsync(c.CaseId, default));
        Assert.Equal(["Opened"], (await Store.HistoryAsync(c.CaseId, default)).Select(h => h.Outcome));
    }

    [Fact]
    public async Task TryCreateAsync_SameCaseTwice_SecondIsRefusedAndLeavesNoTrace()
    {
        var c = Case("101");
        await Store.TryCreateAsync(c, Line(c, "Opened"), default);

        var again = await Store.TryCreateAsync(c with { NoticeId = "other", State = CaseState.NoPermit }, Line(c, "again"), default);

        Assert.False(again);
        Assert.Equal(c, await Store.GetAsync(c.CaseId, default));
        Assert.Single(await Store.HistoryAsync(c.CaseId, default));
    }

    [Fact]
    public async Task SaveAsync_EveryField_ComesBackAsSaved()
    {
        var c = Case("102");
        await Store.TryCreateAsync(c, Line(c, "Opened"), default);
        var saved = c with
        {
            State = CaseState.AwaitingReply, DueAt = T0.AddDays(3), UpdatedAt = T0.AddMinutes(5), HeadIin = "850312300111", NewName = "ТОО «Жаңа»",
            Phone = "+77015550101", SmsCount = 1, PermitsJson = "[{\"n\":1}]", DocumentsJson = "[\"D1\"]", Outcome = null,
        };

        await Store.SaveAsync(saved, Line(c, "sent"), default);

        Assert.Equal(saved, await Store.GetAsync(c.CaseId, default));
        Assert.Equal(["Opened", "sent"], (await Store.HistoryAsync(c.CaseId, default)).Select(h => h.Outcome));
    }

    [Fact]
    public async Task SaveAsync_SeveralHistoryLines_AllKeptInOrderWithTheState()
    {
        // The coordinator saves its read steps (permits, head, person, consent) with the next change that must
        // be durable: one save, one line per step, in the order the steps ran.
        var c = Case("103");
        await Store.TryCreateAsync(c, Line(c, "Opened"), default);
        var saved = c with { State = CaseState.SmsPending, UpdatedAt = T0.AddSeconds(4), HeadIin = "850312300111", Phone = "+77015550103" };
        CaseHistoryEntry[] lines = [Line(c, "PermitsFound"), Line(c, "HeadFound"), Line(c, "PersonCleared"), Line(c, "ConsentConfirmed"), Line(c, "SmsPending")];

        await Store.SaveAsync(saved, lines, default);

        Assert.Equal(saved, await Store.GetAsync(c.CaseId, default));
        Assert.Equal(["Opened", "PermitsFound", "HeadFound", "PersonCleared", "ConsentConfirmed", "SmsPending"], (await Store.HistoryAsync(c.CaseId, default)).Select(h => h.Outcome));
    }

    [Fact]
    public async Task GetAsync_UnknownCase_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync("ECO-none", default));
    }

    [Fact]
    public async Task DueAsync_OpenCasesDueByNow_EarliestFirstAndBounded()
    {
        foreach (var (bin, state, due) in new[] { ("200", CaseState.Opened, T0.AddMinutes(2)), ("201", CaseState.AwaitingReply, T0.AddMinutes(1)), ("202", CaseState.Opened, T0.AddDays(1)), ("203", CaseState.Completed, T0), ("204", CaseState.Opened, T0.AddMinutes(3)) })
        {
            var c = Case(bin, state, due);
            await Store.TryCreateAsync(c, Line(c, "x"), default);
        }

        var due2 = await Store.DueAsync(T0.AddMinutes(10), 2, default);
        var all = await Store.DueAsync(T0.AddMinutes(10), 100, default);

        Assert.Equal(["ECO-201", "ECO-200"], due2.Select(c => c.CaseId));
        Assert.Equal(["ECO-201", "ECO-200", "ECO-204"], all.Select(c => c.CaseId));
    }

    [Fact]
    public async Task DueAsync_CaseSavedTerminal_LeavesTheTimers()
    {
        var c = Case("210");
        await Store.TryCreateAsync(c, Line(c, "x"), default);

        await Store.SaveAsync(c with { State = CaseState.NoPermit, Outcome = "no permit" }, Line(c, "end"), default);

        Assert.Empty(await Store.DueAsync(T0.AddDays(30), 10, default));
    }

    [Fact]
    public async Task FindByPhoneAsync_TwoCasesAwaitingReply_TheOneWaitingLongest()
    {
        await SaveAsync(Case("300", CaseState.AwaitingReply, updated: T0.AddMinutes(5), phone: "+7701"));
        await SaveAsync(Case("301", CaseState.AwaitingReply, updated: T0.AddMinutes(1), phone: "+7701"));
        await SaveAsync(Case("302", CaseState.Completed, updated: T0.AddMinutes(9), phone: "+7701"));

        Assert.Equal("ECO-301", (await Store.FindByPhoneAsync("+7701", default))!.CaseId);
    }

    [Fact]
    public async Task FindByPhoneAsync_NoneAwaitingReply_TheLatestUpdated()
    {
        await SaveAsync(Case("310", CaseState.Completed, updated: T0.AddMinutes(1), phone: "+7702"));
        await SaveAsync(Case("311", CaseState.Refused, updated: T0.AddMinutes(7), phone: "+7702"));
        await SaveAsync(Case("312", CaseState.AwaitingReply, updated: T0.AddMinutes(9), phone: "+7709"));

        Assert.Equal("ECO-311", (await Store.FindByPhoneAsync("+7702", default))!.CaseId);
    }

    [Fact]
    public async Task FindByPhoneAsync_EqualTimes_TheOneSavedFirst()
    {
        await SaveAsync(Case("320", CaseState.AwaitingReply, phone: "+7703"));
        await SaveAsync(Case("321", CaseState.AwaitingReply, phone: "+7703"));

        Assert.Equal("ECO-320", (await Store.FindByPhoneAsync("+7703", default))!.CaseId);
    }

    [Fact]
    public async Task FindByPhoneAsync_UnknownPhone_ReturnsNull()
    {
        await SaveAsync(Case("330", CaseState.AwaitingReply, phone: "+7704"));

        Assert.Null(await Store.FindByPhoneAsync("+7799", default));
    }

    [Fact]
    public async Task CountsAndByState_AfterMoves_FollowTheCurrentState()
    {
        await SaveAsync(Case("400", CaseState.Opened, updated: T0.AddMinutes(3)));
        await SaveAsync(Case("401", CaseState.Opened, updated: T0.AddMinutes(1)));
        await SaveAsync(Case("402", CaseState.Opened, updated: T0.AddMinutes(2)));
        await SaveAsync(Case("402", CaseState.Completed, updated: T0.AddMinutes(4)));

        var counts = await Store.CountsAsync(default);
        var opened = await Store.ByStateAsync(CaseState.Opened, 10, default);

        Assert.Equal(2, counts.Count);
        Assert.Equal(2, counts[CaseState.Opened]);
        Assert.Equal(1, counts[CaseState.Completed]);
        Assert.Equal(["ECO-401", "ECO-400"], opened.Select(c => c.CaseId));
        Assert.Single(await Store.ByStateAsync(CaseState.Opened, 1, default));
    }

    [Fact]
    public async Task AddHistoryAsync_ReplyWithoutCase_IsKeptUnderDash()
    {
        await Store.AddHistoryAsync(new CaseHistoryEntry("-", T0, "reply", "+7705: 1", "no case for this phone"), default);

        var history = await Store.HistoryAsync("-", default);

        Assert.Equal("no case for this phone", Assert.Single(history).Outcome);
        Assert.Equal(T0, history[0].At);
    }

    private Task SaveAsync(ReissueCase c) => Store.SaveAsync(c, Line(c, c.State.ToString()), default);
}

using ProactiveReissue.Gateway.Journal;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>What an operator relies on in every journal (SQLite, Redis): any hop found by any of its three ids, in order.</summary>
public abstract class MessageJournalContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 15, 14, 30, 0, 123, TimeSpan.FromHours(5));

    protected IMessageJournal Journal { get; private set; } = null!;

    public async Task InitializeAsync() => Journal = await CreateAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IMessageJournal> CreateAsync();

    private static JournalEntry Entry(string hop, string? messageId, string? correlationId = null, string? sessionId = null, int ms = 0) =>
        new(JournalHops.In, hop, "sync", messageId, correlationId, sessionId, "ECHO", "CLIENT", "127.0.0.1", T0.AddMilliseconds(ms), JournalHops.Ok, null, 42, new string('a', 64));

    [Fact]
    public async Task FindAsync_ByMessageId_EveryHopInOrderWithEveryField()
    {
        var request = Entry(JournalHops.ClientRequest, "m-1", "c-1", "s-1");
        var response = Entry(JournalHops.ClientResponse, "m-1", "c-1", "s-1", ms: 40) with { Direction = JournalHops.Out, Outcome = JournalHops.Fault, FaultCode = "SCE032" };
        await Journal.AppendAsync(request, default);
        await Journal.AppendAsync(response, default);
        await Journal.AppendAsync(Entry(JournalHops.ClientRequest, "m-2"), default);

        var found = await Journal.FindAsync("m-1", null, null, 10, default);

        Assert.Equal([request, response], found);
    }

    [Fact]
    public async Task FindAsync_AnyOfThreeIds_UnionWithoutDuplicates()
    {
        await Journal.AppendAsync(Entry(JournalHops.ClientRequest, "m-10", "c-10", "s-10"), default);
        await Journal.AppendAsync(Entry(JournalHops.ProviderRequest, "m-11", "c-10", "s-10", ms: 1), default);
        await Journal.AppendAsync(Entry(JournalHops.ClientRequest, "m-12", "c-12", "s-12", ms: 2), default);

        var bySession = await Journal.FindAsync(null, null, "s-10", 10, default);
        var byEither = await Journal.FindAsync("m-12", "c-10", null, 10, default);

        Assert.Equal(["m-10", "m-11"], bySession.Select(e => e.MessageId));
        Assert.Equal(["m-10", "m-11", "m-12"], byEither.Select(e => e.MessageId));
    }

    [Fact]
    public async Task FindAsync_MoreThanTheLimit_TheOldestUpToIt()
    {
        for (var i = 0; i < 5; i++)
        {
            await Journal.AppendAsync(Entry(JournalHops.ClientRequest, "m-20", sessionId: $"s-{i}", ms: i), default);
        }

        var found = await Journal.FindAsync("m-20", null, null, 3, default);

        Assert.Equal(["s-0", "s-1", "s-2"], found.Select(e => e.SessionId));
    }

    [Fact]
    public async Task FindAsync_UnknownIds_Empty()
    {
        await Journal.AppendAsync(Entry(JournalHops.ClientRequest, "m-30"), default);

        Assert.Empty(await Journal.FindAsync("m-31", "c-31", "s-31", 10, default));
    }

    [Fact]
    public async Task PingAsync_StoreUp_Completes()
    {
        await Journal.PingAsync(default);
    }
}

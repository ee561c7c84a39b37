using System.Text;
using ProactiveReissue.Queue;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Queue;

/// <summary>
/// The one contract every queue store must keep (in-memory, SQLite, Redis Streams). A store test class
/// derives from this and says how to make a store.
/// </summary>
public abstract class QueueStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    protected FakeTimeProvider Time { get; } = new();

    protected IQueueStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateAsync(long.MaxValue);

    public async Task DisposeAsync() => await Store.DisposeAsync();

    /// <summary>A fresh, empty store using <see cref="Time"/>.</summary>
    protected abstract Task<IQueueStore> CreateAsync(long maxBacklog);

    protected static OutboundMessage Message(string id, string key = "k1", string destination = "http://127.0.0.1:9/in") =>
        new(id, destination, key, "application/xml", Encoding.UTF8.GetBytes($"<m id=\"{id}\"/>"));

    [Fact]
    public async Task Lease_AfterEnqueue_ReturnsMessagesInEnqueueOrderWithPayload()
    {
        await Store.EnqueueAsync([Message("a", "k1"), Message("b", "k2"), Message("c", "k3")], default);

        var leased = await Store.LeaseAsync("w1", 10, Lease, default);

        Assert.Equal(["a", "b", "c"], leased.Select(m => m.Message.MessageId));
        Assert.Equal("<m id=\"b\"/>", Encoding.UTF8.GetString(leased[1].Message.Payload.Span));
        Assert.Equal("k2", leased[1].Message.OrderingKey);
    }

    [Fact]
    public async Task Lease_SameKey_OnlyTheHeadUntilItIsAcked()
    {
        await Store.EnqueueAsync([Message("a1", "app-1"), Message("a2", "app-1"), Message("b1", "app-2")], default);

        var first = await Store.LeaseAsync("w1", 10, Lease, default);
        await Store.AckAsync(first.Single(m => m.Message.MessageId == "a1").Sequence, default);
        var second = await Store.LeaseAsync("w1", 10, Lease, default);

        Assert.Equal(["a1", "b1"], first.Select(m => m.Message.MessageId));
        Assert.Equal(["a2"], second.Select(m => m.Message.MessageId));
    }

    [Fact]
    public async Task Lease_HeadInBackoff_BlocksItsKeyButNotOthers()
    {
        await Store.EnqueueAsync([Message("a1", "app-1"), Message("a2", "app-1"), Message("b1", "app-2")], default);
        var leased = await Store.LeaseAsync("w1", 10, Lease, default);
        await Store.RetryAsync(leased[0].Sequence, Time.GetUtcNow().AddSeconds(30), "HTTP 503", default);
        await Store.AckAsync(leased[1].Sequence, default);

        var whileWaiting = await Store.LeaseAsync("w1", 10, Lease, default);
        Time.Advance(TimeSpan.FromSeconds(31));
        var afterWait = await Store.LeaseAsync("w1", 10, Lease, default);

        Assert.Empty(whileWaiting);
        Assert.Equal(["a1"], afterWait.Select(m => m.Message.MessageId));
        Assert.Equal(1, afterWait[0].Attempts);
        Assert.Equal("HTTP 503", afterWait[0].LastError);
    }

    [Fact]
    public async Task Lease_Leased_IsNotLeasedAgainUntilTheLeaseExpires()
    {
        await Store.EnqueueAsync([Message("a")], default);
        await Store.LeaseAsync("w1", 10, Lease, default);

        var during = await Store.LeaseAsync("w2", 10, Lease, default);
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var after = await Store.LeaseAsync("w2", 10, Lease, default);

        Assert.Empty(during);
        Assert.Equal(["a"], after.Select(m => m.Message.MessageId));
    }

    [Fact]
    public async Task Enqueue_SameMessageIdTwice_IsStoredOnce()
    {
        await Store.EnqueueAsync([Message("dup")], default);
        await Store.EnqueueAsync([Message("dup")], default);

        Assert.Equal(1, await Store.BacklogAsync(default));
        Assert.Single(await Store.LeaseAsync("w1", 10, Lease, default));
    }

    [Fact]
    public async Task Enqueue_BeyondTheBound_FailsFastAndStoresNothing()
    {
        await using var bounded = await CreateAsync(2);
        await bounded.EnqueueAsync([Message("a"), Message("b")], default);

        await Assert.ThrowsAsync<QueueFullException>(() => bounded.EnqueueAsync([Message("c")], default));

        Assert.Equal(2, await bounded.BacklogAsync(default));
        Assert.DoesNotContain("c", (await bounded.LeaseAsync("w", 10, Lease, default)).Select(m => m.Message.MessageId));
    }

    [Fact]
    public async Task DeadLetter_IsListedAndUnblocksItsKey_ReplayPutsItBack()
    {
        await Store.EnqueueAsync([Message("a1", "app-1"), Message("a2", "app-1")], default);
        var head = (await Store.LeaseAsync("w1", 10, Lease, default)).Single();
        await Store.DeadLetterAsync(head.Sequence, "HTTP 400: refused", default);

        var dead = await Store.DeadLettersAsync(10, default);
        var next = await Store.LeaseAsync("w1", 10, Lease, default);
        var backlog = await Store.BacklogAsync(default);
        await Store.AckAsync(next[0].Sequence, default);
        var replayed = await Store.ReplayAsync(head.Sequence, default);
        var again = await Store.LeaseAsync("w1", 10, Lease, default);

        Assert.Equal("a1", dead.Single().MessageId);
        Assert.Equal("HTTP 400: refused", dead.Single().Reason);
        Assert.Equal(["a2"], next.Select(m => m.Message.MessageId));
        Assert.Equal(1, backlog);
        Assert.True(replayed);
        Assert.Equal(["a1"], again.Select(m => m.Message.MessageId));
        Assert.Empty(await Store.DeadLettersAsync(10, default));
        Assert.False(await Store.ReplayAsync(head.Sequence, default));
    }

    [Fact]
    public async Task Replay_KeyWithALaterMessageWaiting_TheReplayedMessageGoesFirst()
    {
        // Arrange: a1 is dead-lettered, a2 delivered, a3 waits; then an operator replays a1.
        await Store.EnqueueAsync([Message("a1", "app-1"), Message("a2", "app-1"), Message("a3", "app-1")], default);
        var a1 = (await Store.LeaseAsync("w1", 10, Lease, default)).Single();
        await Store.DeadLetterAsync(a1.Sequence, "HTTP 400: refused", default);
        var a2 = (await Store.LeaseAsync("w1", 10, Lease, default)).Single();
        await Store.AckAsync(a2.Sequence, default);

        // Act
        await Store.ReplayAsync(a1.Sequence, default);
        var first = await Store.LeaseAsync("w1", 10, Lease, default);
        await Store.AckAsync(first[0].Sequence, default);
        var second = await Store.LeaseAsync("w1", 10, Lease, default);

        // Assert: the replayed message is older than a3, so a3 waits for it.
        Assert.Equal("a2", a2.Message.MessageId);
        Assert.Equal(["a1"], first.Select(m => m.Message.MessageId));
        Assert.Equal(["a3"], second.Select(m => m.Message.MessageId));
    }

    [Fact]
    public async Task Get_DeadLetter_ShowsItsPayloadAndReason()
    {
        await Store.EnqueueAsync([Message("inspect-me")], default);
        var leased = (await Store.LeaseAsync("w1", 10, Lease, default)).Single();
        await Store.DeadLetterAsync(leased.Sequence, "HTTP 422: refused", default);

        var found = await Store.GetAsync(leased.Sequence, default);
        var missing = await Store.GetAsync(leased.Sequence + 1000, default);

        Assert.Equal("<m id=\"inspect-me\"/>", Encoding.UTF8.GetString(found!.Message.Payload.Span));
        Assert.Equal("HTTP 422: refused", found.LastError);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Retry_Deferral_DoesNotCountAsAnAttempt()
    {
        await Store.EnqueueAsync([Message("a")], default);
        var leased = (await Store.LeaseAsync("w1", 10, Lease, default)).Single();

        await Store.RetryAsync(leased.Sequence, Time.GetUtcNow(), "paused", default, countAttempt: false);
        var again = (await Store.LeaseAsync("w1", 10, Lease, default)).Single();

        Assert.Equal(0, again.Attempts);
    }

    [Fact]
    public async Task Backlog_CountsUndeliveredOnly()
    {
        await Store.EnqueueAsync([Message("a", "1"), Message("b", "2"), Message("c", "3")], default);
        var leased = await Store.LeaseAsync("w1", 10, Lease, default);
        await Store.AckAsync(leased[0].Sequence, default);
        await Store.DeadLetterAsync(leased[1].Sequence, "x", default);

        Assert.Equal(1, await Store.BacklogAsync(default));
    }

    [Fact]
    public async Task Enqueue_ManyConcurrentProducers_AllStoredOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 32).Select(p =>
            Store.EnqueueAsync(Enumerable.Range(0, 50).Select(i => Message($"p{p}-m{i}", $"key-{p}")).ToList(), default)));

        var leased = await Store.LeaseAsync("w1", 10_000, Lease, default);

        Assert.Equal(1_600, await Store.BacklogAsync(default));
        Assert.Equal(32, leased.Count); // one head per key
        Assert.All(leased, m => Assert.EndsWith("-m0", m.Message.MessageId, StringComparison.Ordinal));
    }
}

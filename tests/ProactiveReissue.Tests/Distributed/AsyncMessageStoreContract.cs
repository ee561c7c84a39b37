using ProactiveReissue.Gateway.Async;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>What the asynchronous channel relies on in every message store (SQLite, Redis).</summary>
public abstract class AsyncMessageStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = FakeTimeProvider.DefaultStart;

    protected IAsyncMessageStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IAsyncMessageStore> CreateAsync();

    private static AsyncMessage Message(string id, string recipient = "PROVIDER", string service = "SVC", string correlation = "c-1", int second = 0) =>
        new(id, correlation, service, AsyncNames.Request, "CLIENT", recipient, null, T0, "[[\"k\",\"v\"]]", "<data xmlns=\"urn:t\">Жаңа</data>",
            AsyncNames.OnDelivery, "Accepted by the bus", T0.AddSeconds(second), T0.AddSeconds(second));

    [Fact]
    public async Task FindAsync_AfterAdd_TheMessageAsAccepted()
    {
        var message = Message("m-1");
        await Store.AddAsync(message, default);

        Assert.Equal(message, await Store.FindAsync("m-1", default));
        Assert.Null(await Store.FindAsync("m-0", default));
    }

    [Fact]
    public async Task SetStateAsync_TwiceFromOnDelivery_OnlyTheFirstMovesIt()
    {
        await Store.AddAsync(Message("m-2"), default);

        var first = await Store.SetStateAsync("m-2", AsyncNames.Delivered, "Delivered", T0.AddMinutes(1), default);
        var second = await Store.SetStateAsync("m-2", AsyncNames.DeliveryStopped, "Gave up", T0.AddMinutes(2), default);
        var found = await Store.FindAsync("m-2", default);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal((AsyncNames.Delivered, "Delivered", T0.AddMinutes(1)), (found!.State, found.StatusMessage, found.StatusDate));
        Assert.False(await Store.SetStateAsync("m-none", AsyncNames.Delivered, "x", T0, default));
    }

    [Fact]
    public async Task PendingForAsync_Filters_OnlyUndeliveredOfThatRecipientAndServiceOldestFirst()
    {
        await Store.AddAsync(Message("p-1", second: 1), default);
        await Store.AddAsync(Message("p-2", second: 2, correlation: "c-2"), default);
        await Store.AddAsync(Message("p-3", service: "OTHER", second: 3), default);
        await Store.AddAsync(Message("p-4", recipient: "SOMEONE", second: 4), default);
        await Store.AddAsync(Message("p-5", second: 5), default);
        await Store.SetStateAsync("p-5", AsyncNames.Delivered, "Delivered", T0, default);
        await Store.AddAsync(Message("p-6", second: 6), default);

        var all = await Store.PendingForAsync("PROVIDER", "SVC", null, null, 10, default);
        var two = await Store.PendingForAsync("PROVIDER", "SVC", null, null, 2, default);
        var byCorrelation = await Store.PendingForAsync("PROVIDER", "SVC", null, "c-2", 10, default);
        var byId = await Store.PendingForAsync("PROVIDER", "SVC", "p-6", null, 10, default);
        var onDelivery = await Store.OnDeliveryToAsync("PROVIDER", default);

        Assert.Equal(["p-1", "p-2", "p-6"], all.Select(m => m.MessageId));
        Assert.Equal(["p-1", "p-2"], two.Select(m => m.MessageId));
        Assert.Equal(["p-2"], byCorrelation.Select(m => m.MessageId));
        Assert.Equal(["p-6"], byId.Select(m => m.MessageId));
        Assert.Equal(["p-1", "p-2", "p-3", "p-6"], onDelivery.Select(m => m.MessageId));
    }
}

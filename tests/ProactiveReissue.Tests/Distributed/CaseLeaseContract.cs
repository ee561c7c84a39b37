using ProactiveReissue.Reissue.Cases;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>What every case lease keeps (in-process, Redis): one holder at a time, freed on dispose.</summary>
public abstract class CaseLeaseContract
{
    /// <summary>Two leases over the same shared state, as two instances would hold them.</summary>
    protected abstract (ICaseLease First, ICaseLease Second) CreatePair();

    [Fact]
    public async Task TryAcquireAsync_HeldElsewhere_ReturnsNull()
    {
        var (first, second) = CreatePair();

        await using var held = await first.TryAcquireAsync("case-1", default);
        var other = await second.TryAcquireAsync("case-1", default);
        var again = await first.TryAcquireAsync("case-1", default);

        Assert.NotNull(held);
        Assert.Null(other);
        Assert.Null(again);
    }

    [Fact]
    public async Task TryAcquireAsync_OtherCase_IsIndependent()
    {
        var (first, second) = CreatePair();

        await using var held = await first.TryAcquireAsync("case-2", default);
        await using var other = await second.TryAcquireAsync("case-3", default);

        Assert.NotNull(other);
    }

    [Fact]
    public async Task DisposeAsync_Released_OtherHolderGetsItAndTheOldHandleCannotExtend()
    {
        var (first, second) = CreatePair();
        var held = (await first.TryAcquireAsync("case-4", default))!;

        await held.DisposeAsync();
        await using var other = await second.TryAcquireAsync("case-4", default);
        await held.DisposeAsync();
        var stale = await held.ExtendAsync(default);
        var third = await first.TryAcquireAsync("case-4", default);

        Assert.NotNull(other);
        Assert.False(stale);
        Assert.Null(third);
        Assert.True(await other!.ExtendAsync(default));
    }
}

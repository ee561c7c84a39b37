using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Gateway.Journal;

public sealed class ReplayGuardTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Check_SameMessageIdWithinWindow_ThrowsSce018()
    {
        // Arrange
        var guard = new ReplayGuard(_time, Window);
        guard.Check("client", "m-1");
        _time.Advance(Window - TimeSpan.FromSeconds(1));

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.Replay, () => guard.Check("client", "m-1"));
        Assert.Contains("m-1", ex.Detail, StringComparison.Ordinal);
        Assert.Contains("2026-03-15T14:30:00.000+05:00", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SameMessageIdAfterWindow_IsAcceptedAgain()
    {
        // Arrange
        var guard = new ReplayGuard(_time, Window);
        guard.Check("client", "m-1");
        _time.Advance(Window);

        // Act
        var exception = Record.Exception(() => guard.Check("client", "m-1"));

        // Assert
        Assert.Null(exception);
    }

    [Fact]
    public void Check_AcceptedAgainAfterWindow_StartsANewWindow()
    {
        // Arrange
        var guard = new ReplayGuard(_time, Window);
        guard.Check("client", "m-1");
        _time.Advance(Window + TimeSpan.FromMinutes(1));
        guard.Check("client", "m-1");
        _time.Advance(TimeSpan.FromMinutes(1));

        // Act + Assert
        ShepAssert.Throws(ShepFaults.Replay, () => guard.Check("client", "m-1"));
    }

    [Fact]
    public void Check_SameMessageIdFromAnotherSender_IsAccepted()
    {
        // Arrange
        var guard = new ReplayGuard(_time, Window);
        guard.Check("client", "m-1");

        // Act
        var exception = Record.Exception(() => guard.Check("other-client", "m-1"));

        // Assert
        Assert.Null(exception);
    }

    [Fact]
    public void Check_MessageIdSeededFromTheJournal_ThrowsSce018()
    {
        // Arrange: what a restart rebuilds from the journal
        var guard = new ReplayGuard(_time, Window);
        guard.Seed([("client", "m-9", _time.GetUtcNow() - TimeSpan.FromMinutes(10))]);

        // Act + Assert
        ShepAssert.Throws(ShepFaults.Replay, () => guard.Check("client", "m-9"));
    }

    [Fact]
    public void Check_SeededEntryOlderThanWindow_IsAccepted()
    {
        // Arrange
        var guard = new ReplayGuard(_time, Window);
        guard.Seed([("client", "m-9", _time.GetUtcNow() - Window - TimeSpan.FromSeconds(1))]);

        // Act
        var exception = Record.Exception(() => guard.Check("client", "m-9"));

        // Assert
        Assert.Null(exception);
    }

    [Fact]
    public async Task Check_SameMessageIdConcurrently_AcceptsExactlyOnce()
    {
        // Arrange
        var guard = new ReplayGuard(_time, Window);
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.Wait();
            try
            {
                guard.Check("client", "race");
                return true;
            }
            catch (ShepException)
            {
                return false;
            }
        })).ToArray();

        // Act
        start.Set();
        var accepted = await Task.WhenAll(tasks);

        // Assert
        Assert.Single(accepted, a => a);
    }
}

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

    [Fact]
    public void Check_TrafficForThreeWindows_KeepsOnlyAboutOneWindowOfEntries()
    {
        // Arrange: one message a minute for 90 minutes, with a 30-minute window
        var guard = new ReplayGuard(_time, Window);

        // Act
        for (var i = 0; i < 90; i++)
        {
            guard.Check("client", $"m-{i}");
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        // Assert: expired generations are gone (a window and at most two generations of 75 s remain)
        Assert.InRange(guard.Count, 30, 33);
        ShepAssert.Throws(ShepFaults.Replay, () => guard.Check("client", "m-89"));
        Assert.Null(Record.Exception(() => guard.Check("client", "m-10")));
    }

    [Fact]
    public void Seed_EntriesOutOfOrderAndRepeated_KeepsTheLatestTime()
    {
        // Arrange: the journal is read backwards, and a messageId may be there twice (accepted again after a window)
        var guard = new ReplayGuard(_time, Window);
        var now = _time.GetUtcNow();
        guard.Seed([("client", "m-1", now - TimeSpan.FromMinutes(1)), ("client", "m-1", now - TimeSpan.FromMinutes(29)), ("client", "m-2", now - TimeSpan.FromMinutes(29))]);
        _time.Advance(TimeSpan.FromMinutes(2));

        // Act + Assert: m-2's window is over, m-1's latest sighting is still inside it
        Assert.Null(Record.Exception(() => guard.Check("client", "m-2")));
        var ex = ShepAssert.Throws(ShepFaults.Replay, () => guard.Check("client", "m-1"));
        Assert.Contains("14:29:00.000+05:00", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ManyDistinctMessageIds_AcceptsEveryOne()
    {
        // Arrange: 200,000 distinct ids; a false replay would mean two of them shared a hash
        var guard = new ReplayGuard(_time, Window);

        // Act
        for (var i = 0; i < 200_000; i++)
        {
            guard.Check($"sender-{i % 7}", Guid.NewGuid().ToString());
        }

        // Assert
        Assert.Equal(200_000, guard.Count);
    }
}

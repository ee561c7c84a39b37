using Microsoft.Data.Sqlite;
using ProactiveReissue.Gateway.Journal;

namespace ProactiveReissue.Tests.Gateway.Journal;

public sealed class SqliteMessageJournalTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 15, 9, 30, 0, 123, TimeSpan.Zero);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pr-unit-journal-");
    private SqliteMessageJournal _journal = null!;

    private string DatabasePath => Path.Combine(_directory.FullName, "nested", "journal.db");

    public Task InitializeAsync()
    {
        _journal = new SqliteMessageJournal(DatabasePath);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _journal.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task FindAsync_ByMessageId_ReturnsEveryHopInOrder()
    {
        // Arrange
        var request = Entry(JournalHops.ClientRequest, "m-1", T0);
        var response = Entry(JournalHops.ClientResponse, "m-1", T0.AddMilliseconds(40)) with { Direction = JournalHops.Out, FaultCode = "SCE032", Outcome = JournalHops.Fault };
        await _journal.AppendAsync(request, CancellationToken.None);
        await _journal.AppendAsync(response, CancellationToken.None);
        await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "m-2", T0), CancellationToken.None);

        // Act
        var found = await _journal.FindAsync("m-1", null, null, 10, CancellationToken.None);

        // Assert
        Assert.Equal([request, response], found);
        Assert.True(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task AppendAsync_LinesOfOneExchange_CommitsThemAllInOrder()
    {
        // Arrange
        var lines = new[]
        {
            Entry(JournalHops.ClientRequest, "m-1", T0),
            Entry(JournalHops.ProviderRequest, "m-1", T0.AddMilliseconds(5)) with { Direction = JournalHops.Out, Peer = "http://provider/" },
            Entry(JournalHops.ProviderResponse, "m-1", T0.AddMilliseconds(30)) with { Peer = "http://provider/" },
            Entry(JournalHops.ClientResponse, "m-1", T0.AddMilliseconds(40)) with { Direction = JournalHops.Out },
        };

        // Act
        await _journal.AppendAsync(lines, CancellationToken.None);
        await using var reopened = new SqliteMessageJournal(DatabasePath);
        var found = await reopened.FindAsync("m-1", null, null, 10, CancellationToken.None);

        // Assert
        Assert.Equal(lines, found);
    }

    [Fact]
    public async Task FindAsync_ByCorrelationIdOrSessionId_ReturnsTheMatchingEntries()
    {
        // Arrange
        var first = Entry(JournalHops.ClientRequest, "m-1", T0) with { CorrelationId = "c-1", SessionId = "{s-1}" };
        var second = Entry(JournalHops.ProviderRequest, "m-2", T0) with { CorrelationId = "c-1", SessionId = "{s-2}" };
        await _journal.AppendAsync(first, CancellationToken.None);
        await _journal.AppendAsync(second, CancellationToken.None);

        // Act
        var byCorrelation = await _journal.FindAsync(null, "c-1", null, 10, CancellationToken.None);
        var bySession = await _journal.FindAsync(null, null, "{s-2}", 10, CancellationToken.None);
        var byNothing = await _journal.FindAsync(null, null, null, 10, CancellationToken.None);

        // Assert
        Assert.Equal([first, second], byCorrelation);
        Assert.Equal([second], bySession);
        Assert.Empty(byNothing);
    }

    [Fact]
    public async Task FindAsync_Limit_CutsTheResult()
    {
        // Arrange
        foreach (var i in Enumerable.Range(0, 5))
        {
            await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "m-1", T0.AddSeconds(i)), CancellationToken.None);
        }

        // Act
        var found = await _journal.FindAsync("m-1", null, null, 3, CancellationToken.None);

        // Assert
        Assert.Equal(3, found.Count);
        Assert.Equal(T0, found[0].At);
    }

    [Fact]
    public async Task FindAsync_StoredTime_ComesBackAsTheSameInstantAtPlusFive()
    {
        // Arrange
        await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "m-1", T0), CancellationToken.None);

        // Act
        var found = Assert.Single(await _journal.FindAsync("m-1", null, null, 10, CancellationToken.None));

        // Assert
        Assert.Equal(T0, found.At);
        Assert.Equal(TimeSpan.FromHours(5), found.At.Offset);
    }

    [Fact]
    public async Task RecentRequestsAsync_MixedEntries_ReturnsOnlyClientRequestsSinceTheTime()
    {
        // Arrange
        await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "old", T0.AddHours(-2)), CancellationToken.None);
        await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "recent", T0), CancellationToken.None);
        await _journal.AppendAsync(Entry(JournalHops.ProviderRequest, "forwarded", T0), CancellationToken.None);
        await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "replayed", T0) with { FaultCode = "SCE018" }, CancellationToken.None);
        await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "refused", T0) with { FaultCode = "SCE021" }, CancellationToken.None);
        await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "anonymous", T0) with { Sender = null }, CancellationToken.None);

        // Act
        var recent = await _journal.RecentRequestsAsync(T0.AddHours(-1), CancellationToken.None);

        // Assert
        Assert.Equal([("client", "recent", T0), ("client", "refused", T0)], recent.OrderBy(r => r.MessageId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task RecentRequestsAsync_TimesOutOfAppendOrder_ReturnsEveryRequestInTheWindow()
    {
        // Arrange: the seed reads backwards from the newest row, so rows a little out of time order must not stop it early
        await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "stale", T0.AddHours(-3)), CancellationToken.None);
        await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "a", T0.AddMinutes(-30)), CancellationToken.None);
        await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "b", T0), CancellationToken.None);
        await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "before-the-window", T0.AddMinutes(-65)), CancellationToken.None);
        await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "c", T0.AddMinutes(-40)), CancellationToken.None);

        // Act
        var recent = await _journal.RecentRequestsAsync(T0.AddHours(-1), CancellationToken.None);

        // Assert: oldest first
        Assert.Equal(["a", "b", "c"], recent.Select(r => r.MessageId));
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrentWriters_CommitsEveryEntry()
    {
        // Act
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            _journal.AppendAsync(Entry(JournalHops.ClientRequest, "m-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), T0), CancellationToken.None)));

        // Assert
        var recent = await _journal.RecentRequestsAsync(T0, CancellationToken.None);
        Assert.Equal(200, recent.Select(r => r.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task AppendAsync_Reopened_EntriesSurvive()
    {
        // Arrange
        await _journal.AppendAsync(Entry(JournalHops.ClientRequest, "m-1", T0), CancellationToken.None);
        await _journal.DisposeAsync();

        // Act
        _journal = new SqliteMessageJournal(DatabasePath);
        var found = await _journal.FindAsync("m-1", null, null, 10, CancellationToken.None);

        // Assert
        Assert.Single(found);
    }

    [Fact]
    public async Task AppendAsync_AfterDispose_ThrowsInvalidOperation()
    {
        // Arrange
        await _journal.DisposeAsync();

        // Act + Assert
        Assert.ThrowsAny<InvalidOperationException>(() => { _ = _journal.AppendAsync(Entry(JournalHops.ClientRequest, "m-1", T0), CancellationToken.None); });
        _journal = new SqliteMessageJournal(DatabasePath);
    }

    [Fact]
    public async Task PingAsync_OpenJournal_Completes()
    {
        // Act
        var exception = await Record.ExceptionAsync(() => _journal.PingAsync(CancellationToken.None));

        // Assert
        Assert.Null(exception);
    }

    private static JournalEntry Entry(string hop, string messageId, DateTimeOffset at) =>
        new(JournalHops.In, hop, "soap", messageId, null, "{6f9619ff-8b86-d011-b42d-00c04fc964ff}", "GBDFL_UniversalServiceSync",
            "client", "10.0.0.7", at, JournalHops.Ok, null, 512, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

namespace ProactiveReissue.Gateway.Journal;

/// <summary>The message journal: every message received and sent.</summary>
public interface IMessageJournal
{
    /// <summary>Completes when the entry is committed to the store.</summary>
    Task AppendAsync(JournalEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Completes when every entry is committed. The lines of one exchange go together: the SQLite journal
    /// writes them in one transaction with one completion, not one per line.
    /// </summary>
    Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken) =>
        Task.WhenAll(entries.Select(entry => AppendAsync(entry, cancellationToken)));

    Task<IReadOnlyList<JournalEntry>> FindAsync(string? messageId, string? correlationId, string? sessionId, int limit, CancellationToken cancellationToken);

    /// <summary>(sender, messageId) of client requests since the given time, to rebuild the replay guard.</summary>
    Task<IReadOnlyList<(string Sender, string MessageId, DateTimeOffset At)>> RecentRequestsAsync(DateTimeOffset since, CancellationToken cancellationToken);

    Task PingAsync(CancellationToken cancellationToken);
}

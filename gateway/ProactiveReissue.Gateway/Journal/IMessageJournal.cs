namespace ProactiveReissue.Gateway.Journal;

/// <summary>The message journal: every message received and sent.</summary>
public interface IMessageJournal
{
    /// <summary>Completes when the entry is committed to the store.</summary>
    Task AppendAsync(JournalEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<JournalEntry>> FindAsync(string? messageId, string? correlationId, string? sessionId, int limit, CancellationToken cancellationToken);

    /// <summary>(sender, messageId) of client requests since the given time, to rebuild the replay guard.</summary>
    Task<IReadOnlyList<(string Sender, string MessageId, DateTimeOffset At)>> RecentRequestsAsync(DateTimeOffset since, CancellationToken cancellationToken);

    Task PingAsync(CancellationToken cancellationToken);
}

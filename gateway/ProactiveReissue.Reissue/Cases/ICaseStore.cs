namespace ProactiveReissue.Reissue.Cases;

/// <summary>Durable case state and timers (SQLite by default; Redis with distributed mode).</summary>
public interface ICaseStore
{
    /// <summary>Creates the case unless it exists (the same notice twice makes one case). True if created.</summary>
    Task<bool> TryCreateAsync(ReissueCase @case, CaseHistoryEntry entry, CancellationToken cancellationToken);

    Task<ReissueCase?> GetAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>Saves the new state and its history line in one transaction, durable on return.</summary>
    Task SaveAsync(ReissueCase @case, CaseHistoryEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the new state and the history lines of the steps that led to it (read steps with no side effect between
    /// them, in order) in one transaction, durable on return.
    /// </summary>
    Task SaveAsync(ReissueCase @case, IReadOnlyList<CaseHistoryEntry> entries, CancellationToken cancellationToken);

    /// <summary>Open cases whose timer is due.</summary>
    Task<IReadOnlyList<ReissueCase>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// The case waiting longest for a reply from this phone (one head may hold cases of several services:
    /// replies answer the SMS in the order they were sent); else the latest case that had this phone.
    /// </summary>
    Task<ReissueCase?> FindByPhoneAsync(string phone, CancellationToken cancellationToken);

    Task AddHistoryAsync(CaseHistoryEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<CaseHistoryEntry>> HistoryAsync(string caseId, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<CaseState, int>> CountsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ReissueCase>> ByStateAsync(CaseState state, int max, CancellationToken cancellationToken);
}

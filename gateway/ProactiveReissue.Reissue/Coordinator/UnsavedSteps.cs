using ProactiveReissue.Reissue.Cases;

namespace ProactiveReissue.Reissue.Coordinator;

/// <summary>
/// The state changes of a case's read steps in one run (permits found, head found, person cleared, consent
/// confirmed: each followed only by another read), held until the next change that must be durable first: the one
/// before a side effect (the SMS), a wait, a retry later, or an end. That change is saved together with the held
/// history lines in one transaction; then the held monitoring statuses are published, in order. If the run stops
/// before that (the lease lost, a crash), nothing was done that needs them: the next run repeats the reads.
/// </summary>
internal sealed class UnsavedSteps
{
    private readonly List<CaseHistoryEntry> _history = [];
    private readonly List<string> _statuses = [];

    public bool IsEmpty => _history.Count == 0;

    /// <summary>A state whose next step only reads, so its change need not be durable on its own.</summary>
    public static bool CanHold(CaseState state) =>
        state is CaseState.PermitsFound or CaseState.HeadFound or CaseState.PersonCleared or CaseState.ConsentConfirmed;

    public void Hold(CaseHistoryEntry entry, string? status)
    {
        _history.Add(entry);
        if (status is not null)
        {
            _statuses.Add(status);
        }
    }

    /// <summary>The held history lines followed by <paramref name="entry"/>; the held statuses move to the caller.</summary>
    public (IReadOnlyList<CaseHistoryEntry> History, IReadOnlyList<string> Statuses) TakeWith(CaseHistoryEntry entry)
    {
        var history = new List<CaseHistoryEntry>(_history) { entry };
        var statuses = _statuses.ToList();
        _history.Clear();
        _statuses.Clear();
        return (history, statuses);
    }
}

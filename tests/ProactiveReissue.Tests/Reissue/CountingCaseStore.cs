using System.Collections.Concurrent;
using ProactiveReissue.Reissue.Cases;

namespace ProactiveReissue.Tests.Reissue;

/// <summary>A case store that counts its writes per case and remembers the last state each write made durable.</summary>
public sealed class CountingCaseStore(ICaseStore inner) : ICaseStore
{
    public ConcurrentDictionary<string, int> Writes { get; } = new();

    public ConcurrentDictionary<string, CaseState> LastSaved { get; } = new();

    public Task<bool> TryCreateAsync(ReissueCase @case, CaseHistoryEntry entry, CancellationToken cancellationToken)
    {
        Count(@case);
        return inner.TryCreateAsync(@case, entry, cancellationToken);
    }

    public async Task SaveAsync(ReissueCase @case, CaseHistoryEntry entry, CancellationToken cancellationToken)
    {
        await inner.SaveAsync(@case, entry, cancellationToken).ConfigureAwait(false);
        Count(@case);
    }

    public async Task SaveAsync(ReissueCase @case, IReadOnlyList<CaseHistoryEntry> entries, CancellationToken cancellationToken)
    {
        await inner.SaveAsync(@case, entries, cancellationToken).ConfigureAwait(false);
        Count(@case);
    }

    public Task<ReissueCase?> GetAsync(string caseId, CancellationToken cancellationToken) => inner.GetAsync(caseId, cancellationToken);

    public Task<IReadOnlyList<ReissueCase>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => inner.DueAsync(now, max, cancellationToken);

    public Task<ReissueCase?> FindByPhoneAsync(string phone, CancellationToken cancellationToken) => inner.FindByPhoneAsync(phone, cancellationToken);

    public Task AddHistoryAsync(CaseHistoryEntry entry, CancellationToken cancellationToken) => inner.AddHistoryAsync(entry, cancellationToken);

    public Task<IReadOnlyList<CaseHistoryEntry>> HistoryAsync(string caseId, CancellationToken cancellationToken) => inner.HistoryAsync(caseId, cancellationToken);

    public Task<IReadOnlyDictionary<CaseState, int>> CountsAsync(CancellationToken cancellationToken) => inner.CountsAsync(cancellationToken);

    public Task<IReadOnlyList<ReissueCase>> ByStateAsync(CaseState state, int max, CancellationToken cancellationToken) => inner.ByStateAsync(state, max, cancellationToken);

    private void Count(ReissueCase @case)
    {
        Writes.AddOrUpdate(@case.CaseId, 1, (_, n) => n + 1);
        LastSaved[@case.CaseId] = @case.State;
    }
}

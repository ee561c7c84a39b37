using System.Collections.Concurrent;

namespace ProactiveReissue.Reissue.Cases;

/// <summary>
/// The lease within one process (SQLite mode): the timer loop and a reply arriving through the bus do not
/// run the same case at once. No expiry is needed: a crashed process holds nothing.
/// </summary>
public sealed class LocalCaseLease : ICaseLease
{
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);

    public Task<ICaseLeaseHandle?> TryAcquireAsync(string caseId, CancellationToken cancellationToken) =>
        Task.FromResult<ICaseLeaseHandle?>(_held.TryAdd(caseId, 0) ? new Handle(this, caseId) : null);

    private sealed class Handle(LocalCaseLease owner, string caseId) : ICaseLeaseHandle
    {
        private int _released;

        public Task<bool> ExtendAsync(CancellationToken cancellationToken) => Task.FromResult(Volatile.Read(ref _released) == 0);

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner._held.TryRemove(caseId, out _);
            }

            return ValueTask.CompletedTask;
        }
    }
}

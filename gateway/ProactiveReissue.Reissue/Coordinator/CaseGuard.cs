using System.Collections.Concurrent;

namespace ProactiveReissue.Reissue.Coordinator;

/// <summary>
/// One runner per case in this process. The timer loop advances many cases at once and a reply advances
/// its case inline (the reissue and the SDU write right after "1"); without this, both could run the
/// same case from two snapshots and write to e-license or SDU twice. The loop skips a case that is
/// running; a reply waits for it. Across processes the store's lease (Redis mode) does the same.
/// </summary>
internal sealed class CaseGuard
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);

    public bool TryEnter(string caseId) => _running.TryAdd(caseId, 0);

    public async Task EnterAsync(string caseId, CancellationToken cancellationToken)
    {
        while (!_running.TryAdd(caseId, 0))
        {
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Exit(string caseId) => _running.TryRemove(caseId, out _);
}

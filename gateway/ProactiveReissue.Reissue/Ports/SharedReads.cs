using System.Collections.Concurrent;

namespace ProactiveReissue.Reissue.Ports;

/// <summary>
/// The reads of a company's cases, made once: one notice opens a case per pilot service, the cases fall due
/// together and run side by side, and each would ask e-license for the company's permits, GBD UL for its first
/// head, and GBD FL + ZAGS, KDP and BMG about that person. Here the first case to ask makes the call; a case
/// asking the same (e-license: all the company's permits, filtered per service afterwards; the others: the same
/// BIN or IIN) while that call is under way or within <c>window</c> after it answered gets the same answer.
/// A failure is never shared (whoever asks again calls again), and <c>window</c> is kept under
/// <see cref="Coordinator.ReissueCoordinator.RetryAfterFailure"/>, so a step tried again later reads afresh.
/// Only reads go through here; the writes (SMS, reissue, SDU) and the statuses go to the ports directly.
/// </summary>
public sealed class SharedReads(IReissuePorts ports, IReadOnlyList<string> allPermitTypes, TimeProvider time, TimeSpan window)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly long _windowMs = (long)Math.Min(window.TotalMilliseconds, Coordinator.ReissueCoordinator.RetryAfterFailure.TotalMilliseconds / 2);
    private long _nextSweepMs;

    /// <summary>How many reads are kept at the moment (for tests).</summary>
    public int Count => _entries.Count;

    /// <summary>The company's permits of <paramref name="permitTypes"/>, from one e-license call for all the services' types.</summary>
    public async Task<PortResult<IReadOnlyList<Permit>>> FindPermitsAsync(string bin, IReadOnlyList<string> permitTypes, CancellationToken cancellationToken)
    {
        var all = await GetAsync("permits:" + bin, token => ports.FindPermitsAsync(bin, allPermitTypes, token), cancellationToken).ConfigureAwait(false);
        return all.Value is null ? all : PortResult<IReadOnlyList<Permit>>.Found(all.Value.Where(p => permitTypes.Contains(p.PermitType)).ToList());
    }

    public Task<PortResult<Company>> GetCompanyAsync(string bin, CancellationToken cancellationToken) =>
        GetAsync("company:" + bin, token => ports.GetCompanyAsync(bin, token), cancellationToken);

    public Task<PortResult<Exclusion>> CheckPersonAsync(string iin, CancellationToken cancellationToken) =>
        GetAsync("person:" + iin, token => ports.CheckPersonAsync(iin, token), cancellationToken);

    public Task<PortResult<Consent>> CheckConsentAsync(string iin, CancellationToken cancellationToken) =>
        GetAsync("consent:" + iin, token => ports.CheckConsentAsync(iin, token), cancellationToken);

    public Task<PortResult<string>> FindMobileAsync(string iin, CancellationToken cancellationToken) =>
        GetAsync("phone:" + iin, token => ports.FindMobileAsync(iin, token), cancellationToken);

    private async Task<PortResult<T>> GetAsync<T>(string key, Func<CancellationToken, Task<PortResult<T>>> read, CancellationToken cancellationToken)
    {
        if (_windowMs <= 0)
        {
            return await read(cancellationToken).ConfigureAwait(false);
        }

        Sweep();
        while (true)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                if (existing.IsLive(NowMs()))
                {
                    // Under way or fresh: its answer, or, if it failed, a call of our own.
                    return await existing.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false) as PortResult<T>
                        ?? await read(cancellationToken).ConfigureAwait(false);
                }

                _entries.TryRemove(KeyValuePair.Create(key, existing));
            }

            var mine = new Entry();
            if (!_entries.TryAdd(key, mine))
            {
                continue;
            }

            PortResult<T>? result = null;
            try
            {
                result = await read(cancellationToken).ConfigureAwait(false);
                return result;
            }
            finally
            {
                if (result is null || result.IsFailure)
                {
                    _entries.TryRemove(KeyValuePair.Create(key, mine));
                    mine.Done.SetResult(null);
                }
                else
                {
                    mine.Answered(NowMs() + _windowMs);
                    mine.Done.SetResult(result);
                }
            }
        }
    }

    /// <summary>Drops the reads past their window, at most once per window, so nothing accumulates.</summary>
    private void Sweep()
    {
        var now = NowMs();
        var next = Interlocked.Read(ref _nextSweepMs);
        if (now < next || Interlocked.CompareExchange(ref _nextSweepMs, now + _windowMs, next) != next)
        {
            return;
        }

        foreach (var (key, entry) in _entries)
        {
            if (!entry.IsLive(now))
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed class Entry
    {
        private long _expiresMs = long.MaxValue;

        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsLive(long nowMs) => nowMs < Interlocked.Read(ref _expiresMs);

        public void Answered(long expiresMs) => Interlocked.Exchange(ref _expiresMs, expiresMs);
    }
}

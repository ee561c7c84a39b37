using ProactiveReissue.Reissue.Ports;
using ProactiveReissue.Tests.Reissue;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>
/// <see cref="FakePorts"/> that also counts every feed read and every SMS call, duplicates included (the fake dedupes on the key,
/// as the real gateway must, which would hide a step run twice), and yields so that two instances interleave.
/// </summary>
public sealed class CountingPorts(FakePorts inner) : IReissuePorts
{
    private int _smsCalls;

    private int _feedCalls;

    public int SmsCalls => Volatile.Read(ref _smsCalls);

    public int FeedCalls => Volatile.Read(ref _feedCalls);

    public Task<PortResult<IReadOnlyList<NameChangeNotice>>> FetchNameChangesAsync(DateOnly since, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _feedCalls);
        return inner.FetchNameChangesAsync(since, cancellationToken);
    }

    public async Task<PortResult<IReadOnlyList<Permit>>> FindPermitsAsync(string bin, IReadOnlyList<string> permitTypes, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await inner.FindPermitsAsync(bin, permitTypes, cancellationToken);
    }

    public Task<PortResult<Company>> GetCompanyAsync(string bin, CancellationToken cancellationToken) => inner.GetCompanyAsync(bin, cancellationToken);

    public Task<PortResult<Exclusion>> CheckPersonAsync(string iin, CancellationToken cancellationToken) => inner.CheckPersonAsync(iin, cancellationToken);

    public Task<PortResult<Consent>> CheckConsentAsync(string iin, CancellationToken cancellationToken) => inner.CheckConsentAsync(iin, cancellationToken);

    public Task<PortResult<string>> FindMobileAsync(string iin, CancellationToken cancellationToken) => inner.FindMobileAsync(iin, cancellationToken);

    public async Task<PortResult<string>> SendSmsAsync(string phone, string text, string idempotencyKey, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _smsCalls);
        await Task.Yield();
        return await inner.SendSmsAsync(phone, text, idempotencyKey, cancellationToken);
    }

    public Task<PortResult<string>> ReissuePermitAsync(Permit permit, string newName, string idempotencyKey, CancellationToken cancellationToken) => inner.ReissuePermitAsync(permit, newName, idempotencyKey, cancellationToken);

    public Task<PortResult<bool>> WriteToSduAsync(string caseId, string bin, string headIin, string newName, IReadOnlyList<string> documents, string idempotencyKey, CancellationToken cancellationToken) =>
        inner.WriteToSduAsync(caseId, bin, headIin, newName, documents, idempotencyKey, cancellationToken);

    public Task PublishStatusAsync(string applicationNumber, string serviceCode, string status, CancellationToken cancellationToken) => inner.PublishStatusAsync(applicationNumber, serviceCode, status, cancellationToken);
}

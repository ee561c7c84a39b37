using System.Collections.Concurrent;
using ProactiveReissue.Reissue.Ports;

namespace ProactiveReissue.Tests.Reissue;

/// <summary>
/// The state systems as the coordinator sees them, in memory. Writes dedupe on their idempotency key the
/// way the real SMS gateway, e-license and SDU must, so the tests count what a person would receive.
/// </summary>
public sealed class FakePorts : IReissuePorts
{
    public Dictionary<string, List<Permit>> Permits { get; } = [];

    public Dictionary<string, Company> Companies { get; } = [];

    public Dictionary<string, Exclusion> Exclusions { get; } = [];

    public Dictionary<string, Consent> Consents { get; } = [];

    public Dictionary<string, string> Phones { get; } = [];

    public ConcurrentDictionary<string, string> SmsByKey { get; } = new();

    public ConcurrentDictionary<string, string> ReissuedByKey { get; } = new();

    public ConcurrentDictionary<string, string> SduByKey { get; } = new();

    public ConcurrentQueue<(string Case, string Status)> Statuses { get; } = new();

    public int FailPermitCalls { get; set; }

    /// <summary>How many times each read was made ("permits", "company", "person", "consent", "phone").</summary>
    public ConcurrentDictionary<string, int> Reads { get; } = new();

    public List<NameChangeNotice> Feed { get; } = [];

    public Task<PortResult<IReadOnlyList<NameChangeNotice>>> FetchNameChangesAsync(DateOnly since, CancellationToken cancellationToken) =>
        Task.FromResult(PortResult<IReadOnlyList<NameChangeNotice>>.Found(Feed.Where(n => DateOnly.FromDateTime(n.ChangedAt.UtcDateTime) >= since).ToList()));

    public Task<PortResult<IReadOnlyList<Permit>>> FindPermitsAsync(string bin, IReadOnlyList<string> permitTypes, CancellationToken cancellationToken)
    {
        Count("permits");
        if (FailPermitCalls > 0)
        {
            FailPermitCalls--;
            return Task.FromResult(PortResult<IReadOnlyList<Permit>>.Failed("e-license unavailable"));
        }

        var found = Permits.GetValueOrDefault(bin, []).Where(p => permitTypes.Contains(p.PermitType)).ToList();
        return Task.FromResult(PortResult<IReadOnlyList<Permit>>.Found(found));
    }

    public Task<PortResult<Company>> GetCompanyAsync(string bin, CancellationToken cancellationToken)
    {
        Count("company");
        return Task.FromResult(Companies.TryGetValue(bin, out var c) ? PortResult<Company>.Found(c) : PortResult<Company>.Missing());
    }

    public Task<PortResult<Exclusion>> CheckPersonAsync(string iin, CancellationToken cancellationToken)
    {
        Count("person");
        return Task.FromResult(PortResult<Exclusion>.Found(Exclusions.GetValueOrDefault(iin, Exclusion.None)));
    }

    public Task<PortResult<Consent>> CheckConsentAsync(string iin, CancellationToken cancellationToken)
    {
        Count("consent");
        return Task.FromResult(PortResult<Consent>.Found(Consents.GetValueOrDefault(iin, Consent.Valid)));
    }

    public Task<PortResult<string>> FindMobileAsync(string iin, CancellationToken cancellationToken)
    {
        Count("phone");
        return Task.FromResult(Phones.TryGetValue(iin, out var p) ? PortResult<string>.Found(p) : PortResult<string>.Missing());
    }

    /// <summary>Called with the idempotency key of every SMS, before it is taken.</summary>
    public Action<string>? OnSms { get; set; }

    public Task<PortResult<string>> SendSmsAsync(string phone, string text, string idempotencyKey, CancellationToken cancellationToken)
    {
        OnSms?.Invoke(idempotencyKey);
        SmsByKey.TryAdd(idempotencyKey, phone + "|" + text);
        return Task.FromResult(PortResult<string>.Found("sms-" + idempotencyKey));
    }

    public Task<PortResult<string>> ReissuePermitAsync(Permit permit, string newName, string idempotencyKey, CancellationToken cancellationToken)
    {
        ReissuedByKey.TryAdd(idempotencyKey, permit.Number + "|" + newName);
        return Task.FromResult(PortResult<string>.Found("DOC-" + permit.Number));
    }

    public Task<PortResult<bool>> WriteToSduAsync(string caseId, string bin, string headIin, string newName, IReadOnlyList<string> documents, string idempotencyKey, CancellationToken cancellationToken)
    {
        SduByKey.TryAdd(idempotencyKey, bin + "|" + newName + "|" + string.Join(',', documents));
        return Task.FromResult(PortResult<bool>.Found(true));
    }

    public Task PublishStatusAsync(string applicationNumber, string serviceCode, string status, CancellationToken cancellationToken)
    {
        Statuses.Enqueue((applicationNumber, status));
        return Task.CompletedTask;
    }

    private void Count(string read) => Reads.AddOrUpdate(read, 1, (_, n) => n + 1);
}

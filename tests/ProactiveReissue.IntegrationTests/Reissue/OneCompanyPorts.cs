using System.Collections.Concurrent;
using ProactiveReissue.Reissue.Ports;

namespace ProactiveReissue.IntegrationTests.Reissue;

/// <summary>
/// The state systems for one synthetic company whose head has a phone, until the adapters (issue 4) are
/// wired in: enough to drive the coordinator through the real gateway's channels.
/// </summary>
public sealed class OneCompanyPorts(string bin, string headIin, string phone) : IReissuePorts
{
    private static readonly string[] Held = ["ECO_PERMIT_I", "TRUSTED_SOFTWARE"];

    public ConcurrentDictionary<string, string> Sms { get; } = new();

    public ConcurrentDictionary<string, string> Reissued { get; } = new();

    public ConcurrentQueue<string> Statuses { get; } = new();

    public Task<PortResult<IReadOnlyList<NameChangeNotice>>> FetchNameChangesAsync(DateOnly since, CancellationToken cancellationToken) =>
        Task.FromResult(PortResult<IReadOnlyList<NameChangeNotice>>.Found([]));

    /// <summary>The company holds one permit of each pilot service (the first type of each).</summary>
    public Task<PortResult<IReadOnlyList<Permit>>> FindPermitsAsync(string b, IReadOnlyList<string> types, CancellationToken cancellationToken) =>
        Task.FromResult(PortResult<IReadOnlyList<Permit>>.Found(b == bin ? Held.Where(types.Contains).Select(t => new Permit("KZ-" + t, t, b)).ToList() : []));

    public Task<PortResult<Company>> GetCompanyAsync(string b, CancellationToken cancellationToken) =>
        Task.FromResult(PortResult<Company>.Found(new Company(b, "ТОО «Жаңа Атау»", "ТОО «Старое Имя»", headIin)));

    public Task<PortResult<Exclusion>> CheckPersonAsync(string iin, CancellationToken cancellationToken) => Task.FromResult(PortResult<Exclusion>.Found(Exclusion.None));

    public Task<PortResult<Consent>> CheckConsentAsync(string iin, CancellationToken cancellationToken) => Task.FromResult(PortResult<Consent>.Found(Consent.Valid));

    public Task<PortResult<string>> FindMobileAsync(string iin, CancellationToken cancellationToken) => Task.FromResult(PortResult<string>.Found(phone));

    public Task<PortResult<string>> SendSmsAsync(string to, string text, string key, CancellationToken cancellationToken)
    {
        Sms.TryAdd(key, text);
        return Task.FromResult(PortResult<string>.Found(key));
    }

    public Task<PortResult<string>> ReissuePermitAsync(Permit permit, string newName, string key, CancellationToken cancellationToken)
    {
        Reissued.TryAdd(key, newName);
        return Task.FromResult(PortResult<string>.Found("DOC-" + permit.Number));
    }

    public Task<PortResult<bool>> WriteToSduAsync(string caseId, string b, string headIin, string newName, IReadOnlyList<string> documents, string key, CancellationToken cancellationToken) =>
        Task.FromResult(PortResult<bool>.Found(true));

    public Task PublishStatusAsync(string applicationNumber, string serviceCode, string status, CancellationToken cancellationToken)
    {
        Statuses.Enqueue(applicationNumber + ":" + status);
        return Task.CompletedTask;
    }
}

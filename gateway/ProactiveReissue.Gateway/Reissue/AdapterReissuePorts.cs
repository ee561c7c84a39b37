using ProactiveReissue.Adapters.Bmg;
using ProactiveReissue.Adapters.ELicense;
using ProactiveReissue.Adapters.Exclusion;
using ProactiveReissue.Adapters.GbdFl;
using ProactiveReissue.Adapters.GbdUl;
using ProactiveReissue.Adapters.Kdp;
using ProactiveReissue.Adapters.Sdu;
using ProactiveReissue.Adapters.Shep;
using ProactiveReissue.Adapters.Sms;
using ProactiveReissue.Adapters.Zags;
using ProactiveReissue.Reissue.Ports;

namespace ProactiveReissue.Gateway.Reissue;

/// <summary>
/// The coordinator's ports bound to the adapters of the state systems. Typed outcomes map one to one:
/// Found → the value, NotFound → missing, a peer fault, timeout or unavailability → a transient
/// failure the coordinator retries later. Idempotency keys become the systems' request ids.
/// </summary>
public sealed class AdapterReissuePorts(
    ELicenseAdapter eLicense,
    GbdUlAdapter gbdUl,
    GbdFlAdapter gbdFl,
    ZagsAdapter zags,
    ExclusionCheck exclusion,
    KdpAdapter kdp,
    BmgAdapter bmg,
    SmsAdapter sms,
    SduAdapter sdu,
    ReissueStatusPublisher statuses) : IReissuePorts
{
    public async Task<PortResult<IReadOnlyList<NameChangeNotice>>> FetchNameChangesAsync(DateOnly since, CancellationToken cancellationToken) =>
        Map(await gbdUl.GetNameChangesAsync(since, cancellationToken).ConfigureAwait(false), changes => (IReadOnlyList<NameChangeNotice>)changes
            .Select(c => new NameChangeNotice($"gbdul-{c.Bin}-{c.ChangeDate:yyyyMMdd}", c.Bin, new DateTimeOffset(c.ChangeDate.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(5))))
            .ToList());

    public async Task<PortResult<IReadOnlyList<Permit>>> FindPermitsAsync(string bin, IReadOnlyList<string> permitTypes, CancellationToken cancellationToken)
    {
        var outcome = await eLicense.GetPermitsAsync(bin, null, cancellationToken).ConfigureAwait(false);
        return outcome.Kind switch
        {
            AdapterOutcomeKind.Found => PortResult<IReadOnlyList<Permit>>.Found(outcome.Value!
                .Where(p => permitTypes.Contains(p.ActivityType))
                .Select(p => new Permit(p.GlobalUniqueNumber, p.ActivityType, p.IinBin))
                .ToList()),
            AdapterOutcomeKind.NotFound => PortResult<IReadOnlyList<Permit>>.Found([]),
            _ => PortResult<IReadOnlyList<Permit>>.Failed(Why(outcome)),
        };
    }

    public async Task<PortResult<Company>> GetCompanyAsync(string bin, CancellationToken cancellationToken) =>
        Map(await gbdUl.GetCompanyAsync(bin, cancellationToken).ConfigureAwait(false), c => new Company(c.Bin, c.FullNameRu, null, c.Leader?.Iin));

    public async Task<PortResult<Exclusion>> CheckPersonAsync(string iin, CancellationToken cancellationToken)
    {
        var person = await gbdFl.GetPersonAsync(iin, null, cancellationToken).ConfigureAwait(false);
        if (!person.IsFound)
        {
            return person.Kind == AdapterOutcomeKind.NotFound ? PortResult<Exclusion>.Missing() : PortResult<Exclusion>.Failed(Why(person));
        }

        var acts = await zags.GetActsAsync(iin, cancellationToken).ConfigureAwait(false);
        if (!acts.IsFound && acts.Kind != AdapterOutcomeKind.NotFound)
        {
            return PortResult<Exclusion>.Failed(Why(acts));
        }

        return PortResult<Exclusion>.Found(exclusion.Evaluate(person.Value!, acts.Value) switch
        {
            ExclusionReason.MissingOrDead => Exclusion.MissingOrDead,
            ExclusionReason.ResidesAbroad => Exclusion.ResidesAbroad,
            ExclusionReason.Incapacitated => Exclusion.Incapacitated,
            ExclusionReason.Imprisoned => Exclusion.Imprisoned,
            _ => Exclusion.None,
        });
    }

    public async Task<PortResult<Consent>> CheckConsentAsync(string iin, CancellationToken cancellationToken) =>
        Map(await kdp.GetConsentAsync(iin, "PROACTIVE_REISSUE", cancellationToken).ConfigureAwait(false), c => c.Status switch
        {
            KdpStatus.Valid => Consent.Valid,
            KdpStatus.Invalid => Consent.Invalid,
            KdpStatus.Pending => Consent.Pending,
            KdpStatus.Timeout => Consent.Timeout,
            KdpStatus.NotFound => Consent.NotFound,
            _ => Consent.Error,
        });

    public async Task<PortResult<string>> FindMobileAsync(string iin, CancellationToken cancellationToken) =>
        Map(await bmg.GetPhoneAsync(iin, cancellationToken).ConfigureAwait(false), p => p.Phone);

    public async Task<PortResult<string>> SendSmsAsync(string phone, string text, string idempotencyKey, CancellationToken cancellationToken) =>
        Map(await sms.SendAsync(phone, text, "ru", idempotencyKey, cancellationToken).ConfigureAwait(false), id => id);

    public async Task<PortResult<string>> ReissuePermitAsync(Permit permit, string newName, string idempotencyKey, CancellationToken cancellationToken) =>
        Map(await eLicense.ReissueAsync(new ELicenseReissueRequest(idempotencyKey, permit.Number, permit.HolderBin, newName, null), cancellationToken).ConfigureAwait(false), r => r.NewNumber);

    public async Task<PortResult<bool>> WriteToSduAsync(string caseId, string bin, string headIin, string newName, IReadOnlyList<string> documents, string idempotencyKey, CancellationToken cancellationToken) =>
        Map(await sdu.WriteResultAsync(new SduCaseResult(caseId, bin, headIin, "REISSUED", newName, null, documents, null), cancellationToken).ConfigureAwait(false), ok => ok);

    public Task PublishStatusAsync(string applicationNumber, string serviceCode, string status, CancellationToken cancellationToken) =>
        statuses.PublishAsync(applicationNumber, serviceCode, status, cancellationToken);

    private static PortResult<TOut> Map<TIn, TOut>(AdapterOutcome<TIn> outcome, Func<TIn, TOut> map) => outcome.Kind switch
    {
        AdapterOutcomeKind.Found => PortResult<TOut>.Found(map(outcome.Value!)),
        AdapterOutcomeKind.NotFound => PortResult<TOut>.Missing(),
        _ => PortResult<TOut>.Failed(Why(outcome)),
    };

    private static string Why<T>(AdapterOutcome<T> outcome) => $"{outcome.Kind} {outcome.Code}: {outcome.Message}";
}

using ProactiveReissue.Reissue.Ports;
using ProactiveReissue.Reissue.Profiles;

namespace ProactiveReissue.Reissue.Coordinator;

/// <summary>The GBD UL feed (polled: the process is always on, seeds §16–§17) and the operators' dry run.</summary>
public sealed partial class ReissueCoordinator
{
    /// <summary>Opens a case for every company × service in the feed since the date; already-open cases are left alone.</summary>
    public async Task<int> PollFeedAsync(DateOnly since, CancellationToken cancellationToken)
    {
        var feed = await ports.FetchNameChangesAsync(since, cancellationToken).ConfigureAwait(false);
        if (feed.IsFailure || feed.Value is null)
        {
            return 0;
        }

        var opened = 0;
        foreach (var notice in feed.Value)
        {
            opened += (await OpenAsync(notice, cancellationToken).ConfigureAwait(false)).Count;
        }

        return opened;
    }

    /// <summary>
    /// Who would be contacted, without opening a case or sending anything: for each company in the feed
    /// and each service, the checks up to the phone lookup, and the reason when the process would stop.
    /// Reads only; IINs and phones come back masked.
    /// </summary>
    public async Task<IReadOnlyList<DryRunLine>> DryRunAsync(DateOnly since, CancellationToken cancellationToken)
    {
        var feed = await ports.FetchNameChangesAsync(since, cancellationToken).ConfigureAwait(false);
        if (feed.IsFailure)
        {
            return [new DryRunLine("-", "-", null, null, false, "GBD UL feed unavailable: " + feed.Failure)];
        }

        var lines = new List<DryRunLine>();
        foreach (var notice in feed.Value ?? [])
        {
            foreach (var profile in profiles)
            {
                lines.Add(await DryRunOneAsync(notice.Bin, profile, cancellationToken).ConfigureAwait(false));
            }
        }

        return lines;
    }

    private async Task<DryRunLine> DryRunOneAsync(string bin, ReissueProfile profile, CancellationToken ct)
    {
        DryRunLine Stop(string? iin, string reason) => new(bin, profile.ServiceCode, iin is null ? null : Mask(iin), null, false, reason);
        var permits = await _reads.FindPermitsAsync(bin, profile.PermitTypes, ct).ConfigureAwait(false);
        if (permits.IsFailure || permits.NotFound || permits.Value!.Count == 0)
        {
            return Stop(null, permits.Failure ?? "no permit of this service");
        }

        var company = await _reads.GetCompanyAsync(bin, ct).ConfigureAwait(false);
        var iin = company.Value?.FirstHeadIin;
        if (company.IsFailure || iin is null)
        {
            return Stop(null, company.Failure ?? "no first head in GBD UL");
        }

        var exclusion = await _reads.CheckPersonAsync(iin, ct).ConfigureAwait(false);
        if (exclusion.IsFailure || exclusion.NotFound || exclusion.Value != Exclusion.None)
        {
            return Stop(iin, exclusion.Failure ?? $"excluded: {(exclusion.NotFound ? Exclusion.MissingOrDead : exclusion.Value)}");
        }

        var consent = await _reads.CheckConsentAsync(iin, ct).ConfigureAwait(false);
        if (consent.IsFailure || consent.Value != Consent.Valid)
        {
            return Stop(iin, consent.Failure ?? $"KDP: {(consent.NotFound ? Consent.NotFound : consent.Value)}");
        }

        var phone = await _reads.FindMobileAsync(iin, ct).ConfigureAwait(false);
        if (phone.IsFailure || phone.NotFound)
        {
            return Stop(iin, phone.Failure ?? (profile.WhenNoPhone == FinalOutcome.End ? "no phone: the case would end" : "no phone: the ordinary procedure"));
        }

        return new DryRunLine(bin, profile.ServiceCode, Mask(iin), MaskPhone(phone.Value), true, "an SMS would be sent");
    }
}

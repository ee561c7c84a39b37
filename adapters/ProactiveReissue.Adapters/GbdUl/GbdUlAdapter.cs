using System.Xml;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.GbdUl;

/// <summary>
/// GBD UL: a company by BIN (<c>GbdulInfoByBin_v2</c>, business-data signature required, cached) and the feed of
/// name changes since a date (<c>GBDUL_NameChanges</c>, ours).
/// </summary>
public sealed class GbdUlAdapter
{
    public const string CompanyServiceId = "GbdulInfoByBin_v2";
    public const string NameChangesServiceId = "GBDUL_NameChanges";

    private readonly GbdUlOptions _options;
    private readonly ReferenceCache _cache;

    public GbdUlAdapter(HttpClient http, GbdUlOptions options, TimeProvider time, IDistributedCache cache, ILogger? logger = null)
    {
        _options = options;
        Client = new ShepSyncClient(http, options, time, logger);
        _cache = new ReferenceCache(cache, TimeSpan.FromMinutes(options.CacheMinutes));
    }

    public ShepSyncClient Client { get; }

    public Task<AdapterOutcome<GbdUlCompany>> GetCompanyAsync(string bin, CancellationToken cancellationToken) =>
        _cache.GetOrReadAsync("gbdul:company:" + bin, token => ReadCompanyAsync(bin, token), cancellationToken);

    public async Task<AdapterOutcome<IReadOnlyList<GbdUlNameChange>>> GetNameChangesAsync(DateOnly since, CancellationToken cancellationToken)
    {
        var payload = Payload.Create("NameChangesRequest", ("since", Payload.Format(since)));
        var answer = await Client.SendAsync(NameChangesServiceId, payload, CallKind.Read, signPayload: false, cancellationToken).ConfigureAwait(false);
        return Payload.Map(answer, NameChangesServiceId, r => AdapterOutcome<IReadOnlyList<GbdUlNameChange>>.Found(
            Payload.Children(r, "change").Select(c => new GbdUlNameChange(
                Payload.Required(c, "BIN"),
                Payload.Date(Payload.Required(c, "changeDate"))!.Value,
                Payload.Required(c, "previousNameRu"),
                Payload.Text(c, "previousNameKz"),
                Payload.Required(c, "newNameRu"),
                Payload.Text(c, "newNameKz"))).ToList()));
    }

    private async Task<AdapterOutcome<GbdUlCompany>> ReadCompanyAsync(string bin, CancellationToken cancellationToken)
    {
        var payload = Payload.Create("Request", ("RequestorBIN", _options.RequestorBin), ("BIN", bin));
        var answer = await Client.SendAsync(CompanyServiceId, payload, CallKind.Read, signPayload: true, cancellationToken).ConfigureAwait(false);
        return Payload.Map(answer, CompanyServiceId, ReadCompany);
    }

    private static AdapterOutcome<GbdUlCompany> ReadCompany(XmlElement response)
    {
        var organization = Payload.Children(response, "Organization").FirstOrDefault();
        if (organization is null)
        {
            var code = Payload.Text(response, "Status", "Code");
            var message = Payload.Text(response, "Status", "Message") ?? "GBD UL has no organisation with this BIN.";
            return code is null or "004"
                ? AdapterOutcome<GbdUlCompany>.NotFound(message)
                : AdapterOutcome<GbdUlCompany>.PeerFault(code, message);
        }

        var leader = Payload.Children(organization, "OrganizationLeader").FirstOrDefault();
        return AdapterOutcome<GbdUlCompany>.Found(new GbdUlCompany(
            Payload.Required(organization, "BIN"),
            Payload.Text(organization, "RegStatus"),
            Payload.Required(organization, "FullNameRu"),
            Payload.Text(organization, "FullNameKz"),
            Payload.Text(organization, "ShortNameRu"),
            Payload.Date(Payload.Text(organization, "RegistrationDate")),
            Payload.Date(Payload.Text(organization, "RegistrationLastDate")),
            leader is null ? null : new GbdUlLeader(
                Payload.Text(leader, "Position"),
                Payload.Required(leader, "IIN"),
                Payload.Required(leader, "SurName"),
                Payload.Required(leader, "Name"),
                Payload.Text(leader, "MiddleName"))));
    }
}

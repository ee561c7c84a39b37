using System.Xml;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.GbdFl;

/// <summary>GBD FL: a person by IIN (a reference read, cached), with the KDP token when there is one.</summary>
public sealed class GbdFlAdapter
{
    private readonly ReferenceCache _cache;

    public GbdFlAdapter(HttpClient http, GbdFlOptions options, TimeProvider time, IDistributedCache cache, ILogger? logger = null)
    {
        Client = new ShepSyncClient(http, options, time, logger);
        _cache = new ReferenceCache(cache, TimeSpan.FromMinutes(options.CacheMinutes));
    }

    public ShepSyncClient Client { get; }

    public Task<AdapterOutcome<GbdFlPerson>> GetPersonAsync(string iin, string? kdpToken, CancellationToken cancellationToken) =>
        _cache.GetOrReadAsync("gbdfl:person:" + iin, token => ReadAsync(iin, kdpToken, token), cancellationToken);

    private async Task<AdapterOutcome<GbdFlPerson>> ReadAsync(string iin, string? kdpToken, CancellationToken cancellationToken)
    {
        var payload = Payload.Create("Request", ("iin", iin), ("kdpToken", kdpToken));
        var answer = await Client.SendAsync(GbdFlCodes.ServiceId, payload, CallKind.Read, signPayload: false, cancellationToken).ConfigureAwait(false);
        return Payload.Map(answer, GbdFlCodes.ServiceId, Read);
    }

    private static AdapterOutcome<GbdFlPerson> Read(XmlElement response)
    {
        var code = Payload.Required(response, "responseCode");
        if (code == GbdFlCodes.NotFound)
        {
            return AdapterOutcome<GbdFlPerson>.NotFound(Payload.Text(response, "responseMessage") ?? "GBD FL has no person with this IIN.");
        }

        if (code != GbdFlCodes.Success)
        {
            return AdapterOutcome<GbdFlPerson>.PeerFault(code, Payload.Text(response, "responseMessage") ?? "GBD FL answered with an error code.");
        }

        var p = Payload.Children(response, "person").FirstOrDefault() ?? throw new FormatException("<Response> has no <person>.");
        return AdapterOutcome<GbdFlPerson>.Found(new GbdFlPerson(
            Payload.Required(p, "iin"),
            Payload.Required(p, "surname"),
            Payload.Required(p, "name"),
            Payload.Text(p, "patronymic"),
            Payload.Date(Payload.Text(p, "birthDate")),
            Payload.Date(Payload.Text(p, "deathDate")),
            Payload.Text(p, "deathCertificate"),
            Payload.Text(p, "lifeStatus", "code"),
            Payload.Text(p, "personCapableStatus", "code"),
            Payload.Text(p, "missingStatus", "missing") == "true",
            Payload.Date(Payload.Text(p, "missingStatus", "beginDate")),
            Payload.Text(p, "imprisonedStatus", "status") == "true",
            Payload.Date(Payload.Text(p, "imprisonedStatus", "begin")),
            Payload.Date(Payload.Text(p, "imprisonedStatus", "end")),
            CountryCode(p),
            Payload.Text(p, "regAddress", "foreignData")));
    }

    private static string? CountryCode(XmlElement person)
    {
        var address = Payload.Children(person, "regAddress").FirstOrDefault();
        var country = address is null ? null : Payload.Children(address, "country").FirstOrDefault();
        return country is null ? null : Payload.Text(country, "code");
    }
}

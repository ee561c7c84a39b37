using System.Xml;
using Microsoft.Extensions.Logging;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.Zags;

/// <summary>ZAGS: death act and name changes of a person (serviceId <c>ZAGS_CivilActs</c>, schema Schemas/zags-civil-acts.xsd).</summary>
public sealed class ZagsAdapter(HttpClient http, ZagsOptions options, TimeProvider time, ILogger? logger = null)
{
    public const string ServiceId = "ZAGS_CivilActs";

    public ShepSyncClient Client { get; } = new(http, options, time, logger);

    public async Task<AdapterOutcome<ZagsRecord>> GetActsAsync(string iin, CancellationToken cancellationToken)
    {
        var payload = Payload.Create("CivilActsRequest", ("iin", iin));
        var answer = await Client.SendAsync(ServiceId, payload, CallKind.Read, signPayload: false, cancellationToken).ConfigureAwait(false);
        return Payload.Map(answer, ServiceId, r => Read(iin, r));
    }

    private static AdapterOutcome<ZagsRecord> Read(string iin, XmlElement response)
    {
        if (Payload.Text(response, "found") == "false")
        {
            return AdapterOutcome<ZagsRecord>.NotFound("ZAGS has no records for this IIN.");
        }

        var death = Payload.Children(response, "deathAct").Select(d => new ZagsDeathAct(
            Payload.Required(d, "actNumber"),
            Payload.Date(Payload.Required(d, "actDate"))!.Value,
            Payload.Required(d, "office"),
            Payload.Date(Payload.Text(d, "deathDate")))).FirstOrDefault();
        var changes = Payload.Children(response, "nameChangeAct").Select(c => new ZagsNameChangeAct(
            Payload.Required(c, "actNumber"),
            Payload.Date(Payload.Required(c, "actDate"))!.Value,
            Payload.Required(c, "office"),
            Payload.Required(c, "previousSurname"),
            Payload.Required(c, "previousName"),
            Payload.Required(c, "newSurname"),
            Payload.Required(c, "newName"))).ToList();
        return AdapterOutcome<ZagsRecord>.Found(new ZagsRecord(iin, death, changes));
    }
}

using Microsoft.Extensions.Logging;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.Bmg;

/// <summary>BMG: the registered mobile number of an IIN (<c>BMG_PhoneByIin</c>, Schemas/bmg-phone-by-iin.xsd); NotFound means "no number".</summary>
public sealed class BmgAdapter(HttpClient http, BmgOptions options, TimeProvider time, ILogger? logger = null)
{
    public const string ServiceId = "BMG_PhoneByIin";

    public ShepSyncClient Client { get; } = new(http, options, time, logger);

    public async Task<AdapterOutcome<BmgPhone>> GetPhoneAsync(string iin, CancellationToken cancellationToken)
    {
        var payload = Payload.Create("PhoneByIinRequest", ("iin", iin));
        var answer = await Client.SendAsync(ServiceId, payload, CallKind.Read, signPayload: false, cancellationToken).ConfigureAwait(false);
        return Payload.Map(answer, ServiceId, r => Payload.Text(r, "phone") is { } phone
            ? AdapterOutcome<BmgPhone>.Found(new BmgPhone(iin, phone))
            : AdapterOutcome<BmgPhone>.NotFound("BMG has no mobile number registered for this IIN."));
    }
}

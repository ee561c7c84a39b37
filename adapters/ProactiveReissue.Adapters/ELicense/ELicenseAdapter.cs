using System.Globalization;
using System.Xml;
using Microsoft.Extensions.Logging;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.ELicense;

/// <summary>
/// e-license: the permits of a company by BIN and permit type (<c>ELICENSE_Permits</c>, UniversalLicenseRequest) and
/// the idempotent reissue under the new name (<c>ELICENSE_Reissue</c>, ours, Schemas/elicense-reissue.xsd).
/// </summary>
public sealed class ELicenseAdapter(HttpClient http, ELicenseOptions options, TimeProvider time, ILogger? logger = null)
{
    public const string PermitsServiceId = "ELICENSE_Permits";
    public const string ReissueServiceId = "ELICENSE_Reissue";
    private const int PageSize = 100;

    public ShepSyncClient Client { get; } = new(http, options, time, logger);

    /// <summary>Permits of <paramref name="bin"/>; with <paramref name="activityType"/>, only that permit type. None is Found with an empty list.</summary>
    public async Task<AdapterOutcome<IReadOnlyList<ELicensePermit>>> GetPermitsAsync(string bin, string? activityType, CancellationToken cancellationToken)
    {
        var payload = Payload.Create(
            "UniversalLicenseRequest",
            ("SystemInfo", options.SenderId),
            ("PageIndex", "0"),
            ("PageSize", PageSize.ToString(CultureInfo.InvariantCulture)),
            ("IinBin", bin),
            ("ActivityType", activityType));
        var answer = await Client.SendAsync(PermitsServiceId, payload, CallKind.Read, signPayload: false, cancellationToken).ConfigureAwait(false);
        return Payload.Map(answer, PermitsServiceId, r => AdapterOutcome<IReadOnlyList<ELicensePermit>>.Found(
            Payload.Children(r, "UniversalLicense").Select(ReadPermit)
                .Where(p => activityType is null || p.ActivityType == activityType)
                .ToList()));
    }

    public async Task<AdapterOutcome<ELicenseReissueResult>> ReissueAsync(ELicenseReissueRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var payload = Payload.Create(
            "ReissueRequest",
            ("requestId", request.RequestId),
            ("globalUniqueNumber", request.GlobalUniqueNumber),
            ("iinBin", request.IinBin),
            ("newNameRu", request.NewNameRu),
            ("newNameKz", request.NewNameKz));
        var answer = await Client.SendAsync(ReissueServiceId, payload, CallKind.IdempotentWrite, signPayload: true, cancellationToken).ConfigureAwait(false);
        return Payload.Map(answer, ReissueServiceId, r => AdapterOutcome<ELicenseReissueResult>.Found(new ELicenseReissueResult(
            Payload.Required(r, "requestId"),
            Payload.Required(r, "newNumber"),
            Payload.Date(Payload.Required(r, "issueDate"))!.Value,
            Payload.Text(r, "documentUrl"),
            Payload.Flag(r, "alreadyIssued"))));
    }

    private static ELicensePermit ReadPermit(XmlElement l) => new(
        Payload.Required(l, "IinBin"),
        Payload.Text(l, "Series"),
        Payload.Required(l, "Number"),
        Payload.Required(l, "GlobalUniqueNumber"),
        Payload.Date(Payload.Text(l, "IssueDate")),
        Payload.Date(Payload.Text(l, "ValidityStartDate")),
        Payload.Date(Payload.Text(l, "ValidityEndDate")),
        Payload.Required(l, "ActivityType"),
        Payload.Text(l, "Licensiar"),
        Payload.Text(l, "Status"),
        Payload.Text(l, "DocumentUrl"));
}

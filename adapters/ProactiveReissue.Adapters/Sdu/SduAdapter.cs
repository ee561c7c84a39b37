using Microsoft.Extensions.Logging;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.Sdu;

/// <summary>SDU: write the case result and the recipient's updated data (<c>SDU_CaseResult</c>, Schemas/sdu-case-result.xsd).</summary>
public sealed class SduAdapter(HttpClient http, SduOptions options, TimeProvider time, ILogger? logger = null)
{
    public const string ServiceId = "SDU_CaseResult";

    public ShepSyncClient Client { get; } = new(http, options, time, logger);

    /// <summary>Found(true) when SDU accepted the result; a repeated case id is accepted again (idempotent).</summary>
    public async Task<AdapterOutcome<bool>> WriteResultAsync(SduCaseResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        (string, string?)[] head =
        [
            ("caseId", result.CaseId),
            ("bin", result.Bin),
            ("headIin", result.HeadIin),
            ("result", result.Result),
            ("newNameRu", result.NewNameRu),
            ("newNameKz", result.NewNameKz),
        ];
        var payload = Payload.Create(
            "CaseResult",
            [.. head, .. result.Documents.Select(d => ("document", (string?)d)), ("phone", result.Phone)]);
        var answer = await Client.SendAsync(ServiceId, payload, CallKind.IdempotentWrite, signPayload: true, cancellationToken).ConfigureAwait(false);
        return Payload.Map(answer, ServiceId, r => Payload.Flag(r, "accepted")
            ? AdapterOutcome<bool>.Found(true)
            : AdapterOutcome<bool>.PeerFault(Payload.Text(r, "code") ?? AdapterCodes.PeerStatus, Payload.Text(r, "message") ?? "SDU did not accept the result."));
    }
}

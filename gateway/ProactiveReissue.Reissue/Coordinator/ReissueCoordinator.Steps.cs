using System.Text.Json;
using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Reissue.Ports;
using ProactiveReissue.Reissue.Profiles;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Reissue.Coordinator;

/// <summary>One step per state: permit check → first head → exclusion criteria → KDP consent → phone → SMS → wait → reissue → SDU.</summary>
public sealed partial class ReissueCoordinator
{
    private const int MaxSms = 2;

    private async Task<ReissueCase> StepAsync(ReissueCase c, UnsavedSteps unsaved, CancellationToken ct)
    {
        var now = LocalClock.Now(time);
        var profile = Profile(c);
        switch (c.State)
        {
            case CaseState.Opened:
                var permits = await _reads.FindPermitsAsync(c.Bin, profile.PermitTypes, ct).ConfigureAwait(false);
                if (permits.IsFailure)
                {
                    return await LaterAsync(unsaved, c, now, "permits", permits.Failure!, ct).ConfigureAwait(false);
                }

                if (permits.NotFound || permits.Value!.Count == 0)
                {
                    return await MoveAsync(unsaved, c, CaseState.NoPermit, now, "permits", string.Join(',', profile.PermitTypes), "no permit of this service", "NO_PERMIT", ct).ConfigureAwait(false);
                }

                c = c with { PermitsJson = JsonSerializer.Serialize(permits.Value) };
                return await MoveAsync(unsaved, c, CaseState.PermitsFound, now, "permits", string.Join(',', profile.PermitTypes), $"{permits.Value.Count} permit(s)", "PERMIT_FOUND", ct).ConfigureAwait(false);

            case CaseState.PermitsFound:
                var company = await _reads.GetCompanyAsync(c.Bin, ct).ConfigureAwait(false);
                if (company.IsFailure)
                {
                    return await LaterAsync(unsaved, c, now, "company", company.Failure!, ct).ConfigureAwait(false);
                }

                if (company.NotFound || string.IsNullOrEmpty(company.Value!.FirstHeadIin))
                {
                    return await MoveAsync(unsaved, c, CaseState.NoHead, now, "company", c.Bin, "no first head in GBD UL", "ERROR", ct).ConfigureAwait(false);
                }

                c = c with { HeadIin = company.Value.FirstHeadIin, NewName = company.Value.Name };
                return await MoveAsync(unsaved, c, CaseState.HeadFound, now, "company", c.Bin, $"first head {Mask(company.Value.FirstHeadIin)}, name '{company.Value.Name}'", "HEAD_IDENTIFIED", ct).ConfigureAwait(false);

            case CaseState.HeadFound:
                var exclusion = await _reads.CheckPersonAsync(c.HeadIin!, ct).ConfigureAwait(false);
                if (exclusion.IsFailure)
                {
                    return await LaterAsync(unsaved, c, now, "person", exclusion.Failure!, ct).ConfigureAwait(false);
                }

                if (exclusion.NotFound || exclusion.Value != Exclusion.None)
                {
                    var reason = exclusion.NotFound ? Exclusion.MissingOrDead : exclusion.Value;
                    return await MoveAsync(unsaved, c, CaseState.Excluded, now, "person", Mask(c.HeadIin), $"excluded: {reason}", ExclusionStatus(reason), ct).ConfigureAwait(false);
                }

                return await MoveAsync(unsaved, c, CaseState.PersonCleared, now, "person", Mask(c.HeadIin), "no exclusion criterion", null, ct).ConfigureAwait(false);

            case CaseState.PersonCleared:
                var consent = await _reads.CheckConsentAsync(c.HeadIin!, ct).ConfigureAwait(false);
                if (consent.IsFailure || consent.Value is Consent.Pending or Consent.Timeout)
                {
                    return await LaterAsync(unsaved, c, now, "consent", consent.Failure ?? consent.Value.ToString(), ct).ConfigureAwait(false);
                }

                if (consent.NotFound || consent.Value != Consent.Valid)
                {
                    return await MoveAsync(unsaved, c, CaseState.NoConsent, now, "consent", Mask(c.HeadIin), $"KDP: {(consent.NotFound ? Consent.NotFound : consent.Value)}", "CONSENT_MISSING", ct).ConfigureAwait(false);
                }

                return await MoveAsync(unsaved, c, CaseState.ConsentConfirmed, now, "consent", Mask(c.HeadIin), "KDP: VALID", null, ct).ConfigureAwait(false);

            case CaseState.ConsentConfirmed:
                var phone = await _reads.FindMobileAsync(c.HeadIin!, ct).ConfigureAwait(false);
                if (phone.IsFailure)
                {
                    return await LaterAsync(unsaved, c, now, "phone", phone.Failure!, ct).ConfigureAwait(false);
                }

                if (phone.NotFound || string.IsNullOrEmpty(phone.Value))
                {
                    var final = profile.WhenNoPhone == FinalOutcome.End ? CaseState.NoPhone : CaseState.OrdinaryProcedure;
                    return await MoveAsync(unsaved, c, final, now, "phone", Mask(c.HeadIin), "no registered mobile number", final == CaseState.NoPhone ? "NO_PHONE" : "ORDINARY_PROCEDURE", ct).ConfigureAwait(false);
                }

                c = c with { Phone = phone.Value };
                return await MoveAsync(unsaved, c, CaseState.SmsPending, now, "phone", Mask(c.HeadIin), "mobile number found", null, ct).ConfigureAwait(false);

            case CaseState.SmsPending:
                var number = c.SmsCount + 1;
                var sent = await ports.SendSmsAsync(c.Phone!, profile.SmsText, $"{c.CaseId}:sms:{number}", ct).ConfigureAwait(false);
                if (sent.IsFailure || sent.NotFound)
                {
                    return await LaterAsync(unsaved, c, now, "sms", sent.Failure ?? "not sent", ct).ConfigureAwait(false);
                }

                c = c with { SmsCount = number };
                return await MoveAsync(unsaved, c, CaseState.AwaitingReply, now, "sms", $"SMS {number} to {MaskPhone(c.Phone)}", $"sent ({sent.Value})", number == 1 ? "SMS_SENT" : "SMS_RESENT", ct, now + profile.ReplyWait).ConfigureAwait(false);

            case CaseState.AwaitingReply:
                // The timer ran out: send once more, or end the case.
                return c.SmsCount < MaxSms
                    ? await MoveAsync(unsaved, c, CaseState.SmsPending, now, "wait", $"no reply within {profile.ReplyWait.TotalDays:0.##} days", "resend", null, ct).ConfigureAwait(false)
                    : await MoveAsync(unsaved, c, CaseState.NoReply, now, "wait", $"no reply within {profile.ReplyWait.TotalDays:0.##} days after the resend", "no reply: case closed", "NO_REPLY_CLOSED", ct).ConfigureAwait(false);

            case CaseState.Consented:
                var documents = new List<string>();
                foreach (var permit in JsonSerializer.Deserialize<List<Permit>>(c.PermitsJson)!)
                {
                    var reissued = await ports.ReissuePermitAsync(permit, c.NewName!, $"{c.CaseId}:reissue:{permit.Number}", ct).ConfigureAwait(false);
                    if (reissued.IsFailure || reissued.NotFound)
                    {
                        return await LaterAsync(unsaved, c, now, "reissue", reissued.Failure ?? $"permit {permit.Number} not found", ct).ConfigureAwait(false);
                    }

                    documents.Add(reissued.Value!);
                }

                c = c with { DocumentsJson = JsonSerializer.Serialize(documents) };
                return await MoveAsync(unsaved, c, CaseState.SduPending, now, "reissue", $"{documents.Count} permit(s)", string.Join(',', documents), "PERMIT_REISSUED", ct).ConfigureAwait(false);

            case CaseState.SduPending:
                var written = await ports.WriteToSduAsync(c.CaseId, c.Bin, c.HeadIin!, c.NewName!, JsonSerializer.Deserialize<List<string>>(c.DocumentsJson)!, $"{c.CaseId}:sdu", ct).ConfigureAwait(false);
                if (written.IsFailure)
                {
                    return await LaterAsync(unsaved, c, now, "sdu", written.Failure!, ct).ConfigureAwait(false);
                }

                await ports.PublishStatusAsync(c.CaseId, c.ServiceCode, "SDU_UPDATED", ct).ConfigureAwait(false);
                return await MoveAsync(unsaved, c, CaseState.Completed, now, "sdu", c.Bin, "updated data written to SDU", "COMPLETED", ct).ConfigureAwait(false);

            default:
                return c;
        }
    }

    private static string ExclusionStatus(Exclusion reason) => reason switch
    {
        Exclusion.ResidesAbroad => "EXCLUDED_ABROAD",
        Exclusion.Incapacitated => "EXCLUDED_INCAPACITATED",
        Exclusion.Imprisoned => "EXCLUDED_IMPRISONED",
        _ => "EXCLUDED_DEAD_OR_MISSING",
    };

    /// <summary>History lines name a person without spelling out the IIN: 8503******13.</summary>
    private static string Mask(string? iin) => iin is { Length: 12 } ? iin[..4] + "******" + iin[10..] : "?";

    private static string MaskPhone(string? phone) => phone is { Length: > 4 } ? new string('*', phone.Length - 4) + phone[^4..] : "?";
}

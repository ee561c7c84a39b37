using System.Xml;
using ProactiveReissue.Gateway.Internal;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Reissue.Coordinator;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway.Reissue;

/// <summary>
/// SMS replies from the portal, through the bus: &lt;smsReply xmlns="urn:proactive-reissue:reissue:v1"&gt;
/// &lt;phone/&gt;&lt;text/&gt;&lt;/smsReply&gt; → &lt;smsReplyResult&gt;&lt;outcome&gt;Accepted|Refused|Unclear|NoCase|CaseAlreadyClosed&lt;/outcome&gt;.
/// A strange reply is recorded and answered, never an error. A reply whose case stays busy on another
/// instance for the whole wait is refused with SCE030 (not recorded; it may be sent again).
/// </summary>
public sealed class SmsReplyService(ReissueCoordinator coordinator) : IInternalService
{
    public string ServiceId => ReissueNames.SmsReplyService;

    public async Task<XmlElement> HandleAsync(RequestInfo info, XmlElement? data, Participant sender, CancellationToken cancellationToken)
    {
        var reply = ReissueMessages.Payload(data, "smsReply");
        var phone = ReissueMessages.Text(reply, "phone") ?? throw new ShepException(ShepFaults.BadFormat, "smsReply has no <phone>.");
        ReplyOutcome outcome;
        try
        {
            outcome = await coordinator.HandleReplyAsync(phone.Trim(), ReissueMessages.Text(reply, "text"), cancellationToken).ConfigureAwait(false);
        }
        catch (CaseBusyException ex)
        {
            // The coordinator is this service's provider: it did not take the reply in time. Say so, not SCE909.
            throw new ShepException(ShepFaults.ProviderTimeout, ex.Message, inner: ex);
        }

        return ReissueMessages.Result("smsReplyResult", ("outcome", outcome.ToString()));
    }
}

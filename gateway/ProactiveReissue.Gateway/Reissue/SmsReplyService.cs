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
/// A strange reply is recorded and answered, never an error.
/// </summary>
public sealed class SmsReplyService(ReissueCoordinator coordinator) : IInternalService
{
    public string ServiceId => ReissueNames.SmsReplyService;

    public async Task<XmlElement> HandleAsync(RequestInfo info, XmlElement? data, Participant sender, CancellationToken cancellationToken)
    {
        var reply = ReissueMessages.Payload(data, "smsReply");
        var phone = ReissueMessages.Text(reply, "phone") ?? throw new ShepException(ShepFaults.BadFormat, "smsReply has no <phone>.");
        var outcome = await coordinator.HandleReplyAsync(phone.Trim(), ReissueMessages.Text(reply, "text"), cancellationToken).ConfigureAwait(false);
        return ReissueMessages.Result("smsReplyResult", ("outcome", outcome.ToString()));
    }
}

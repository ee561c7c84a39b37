using System.Xml;
using ProactiveReissue.Gateway.Internal;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Reissue.Coordinator;
using ProactiveReissue.Reissue.Ports;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Identity;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Gateway.Reissue;

/// <summary>
/// A name-change notice pushed through the bus (the SDU role): &lt;nameChange xmlns="urn:proactive-reissue:reissue:v1"&gt;
/// &lt;noticeId/&gt;&lt;bin/&gt;&lt;changedAt/&gt;&lt;/nameChange&gt; → the cases opened (none when the notice was seen before).
/// </summary>
public sealed class NameChangeService(ReissueCoordinator coordinator, TimeProvider time) : IInternalService
{
    public string ServiceId => ReissueNames.NameChangeService;

    public async Task<XmlElement> HandleAsync(RequestInfo info, XmlElement? data, Participant sender, CancellationToken cancellationToken)
    {
        var notice = ReissueMessages.Payload(data, "nameChange");
        var bin = ReissueMessages.Text(notice, "bin")?.Trim();
        if (!IinBin.IsValid(bin))
        {
            throw new ShepException(ShepFaults.BadFormat, $"nameChange/bin '{bin}' is not a valid BIN.");
        }

        var changedAt = LocalClock.TryParse(ReissueMessages.Text(notice, "changedAt"), out var at) ? at : time.GetUtcNow();
        var noticeId = ReissueMessages.Text(notice, "noticeId")?.Trim() ?? info.MessageId;
        var opened = await coordinator.OpenAsync(new NameChangeNotice(noticeId, bin!, changedAt), cancellationToken).ConfigureAwait(false);
        return ReissueMessages.Result("nameChangeResult", opened.Select(id => ("caseId", id)).Prepend(("opened", opened.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());
    }
}

using System.Xml;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Shep.Envelope;

namespace ProactiveReissue.Gateway.Internal;

/// <summary>
/// A service the gateway answers itself rather than forwarding to a provider (e.g. SMS replies and
/// name-change notices for the reissue process). Same channels, signatures and access rules as any
/// other service; the participant must still be allowed to call it.
/// </summary>
public interface IInternalService
{
    string ServiceId { get; }

    /// <summary>Returns the responseData/data element's content (one element).</summary>
    Task<XmlElement> HandleAsync(RequestInfo info, XmlElement? data, Participant sender, CancellationToken cancellationToken);
}

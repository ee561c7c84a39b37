using System.Security.Cryptography.X509Certificates;
using System.Xml;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Gateway.Routing;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway.Sync;

/// <summary>
/// What happens to a SendMessage once its transport signature has been verified, whichever channel
/// (SOAP or REST) carried it: the signer's certificate, the sender and password, the IIN/BIN, the
/// service and access, replay, the business-data signature, then the provider.
/// </summary>
public sealed class SyncProcessor(
    ParticipantRegistry participants,
    ServiceRegistry services,
    CertificateValidator certificates,
    BusinessSignature businessSignature,
    ReplayGuard replay,
    ProviderClient provider,
    XmlLimits limits)
{
    public async Task<SyncResponse> ProcessAsync(RequestInfo info, XmlElement? data, X509Certificate2 signer, ICollection<JournalEntry> hops, CancellationToken cancellationToken)
    {
        await certificates.ValidateAsync(signer, cancellationToken).ConfigureAwait(false);
        var participant = participants.Authenticate(info.Sender.SenderId, info.Sender.Password);
        ParticipantRegistry.CheckSubject(participant, signer);
        var route = services.Find(info.ServiceId);
        ParticipantRegistry.Authorize(participant, info.ServiceId);
        replay.Check(participant.SenderId, info.MessageId);

        var dataSignature = businessSignature.Verify(data, route.RequireBusinessSignature, limits);
        if (dataSignature is not null)
        {
            await certificates.ValidateAsync(dataSignature.Certificate, cancellationToken).ConfigureAwait(false);
        }

        return await provider.ForwardAsync(route, info, data, hops, cancellationToken).ConfigureAwait(false);
    }
}

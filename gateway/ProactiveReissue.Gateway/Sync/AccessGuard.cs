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
/// The checks every message passes once its transport signature is verified, on either channel: the
/// signer's certificate, the sender and password, the IIN/BIN, the service and access, replay, and the
/// business-data signature.
/// </summary>
public sealed class AccessGuard(
    ParticipantRegistry participants,
    ServiceRegistry services,
    CertificateValidator certificates,
    BusinessSignature businessSignature,
    IReplayWindow replay,
    XmlLimits limits)
{
    public async Task<(Participant Sender, ServiceRoute Route)> CheckAsync(RequestInfo info, XmlElement? data, X509Certificate2 signer, CancellationToken cancellationToken)
    {
        var participant = await AuthenticateAsync(info.Sender, signer, cancellationToken).ConfigureAwait(false);
        var route = services.Find(info.ServiceId);
        ParticipantRegistry.Authorize(participant, info.ServiceId);
        await replay.CheckAsync(participant.SenderId, info.MessageId, cancellationToken).ConfigureAwait(false);

        var dataSignature = businessSignature.Verify(data, route.RequireBusinessSignature, limits);
        if (dataSignature is not null)
        {
            await certificates.ValidateAsync(dataSignature.Certificate, cancellationToken).ConfigureAwait(false);
        }

        return (participant, route);
    }

    /// <summary>Certificate, sender, password and IIN/BIN only: for calls that name no service (getMessageStatus, notifications).</summary>
    public async Task<Participant> AuthenticateAsync(Sender sender, X509Certificate2 signer, CancellationToken cancellationToken)
    {
        await certificates.ValidateAsync(signer, cancellationToken).ConfigureAwait(false);
        var participant = participants.Authenticate(sender.SenderId, sender.Password);
        ParticipantRegistry.CheckSubject(participant, signer);
        return participant;
    }
}

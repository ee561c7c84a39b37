using System.Security.Cryptography.X509Certificates;
using System.Xml;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Gateway.Routing;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Gateway.Sync;

/// <summary>
/// What happens to a SendMessage once its transport signature has been verified, whichever channel
/// (SOAP or REST) carried it: the access checks, then the provider — or the gateway itself for its
/// internal services.
/// </summary>
public sealed class SyncProcessor(AccessGuard guard, ProviderClient provider, TimeProvider time)
{
    public async Task<SyncResponse> ProcessAsync(RequestInfo info, XmlElement? data, X509Certificate2 signer, ICollection<JournalEntry> hops, CancellationToken cancellationToken)
    {
        var (sender, route) = await guard.CheckAsync(info, data, signer, cancellationToken).ConfigureAwait(false);
        if (route.Internal is not null)
        {
            var result = await route.Internal.HandleAsync(info, data, sender, cancellationToken).ConfigureAwait(false);
            var holder = result.OwnerDocument.CreateElement("data");
            holder.AppendChild(result);
            var answer = new ResponseInfo(SoapEnvelopeWriter.NewMessageId(time.GetUtcNow()), info.MessageId, LocalClock.Now(time), SyncStatus.Success, SyncStatus.SuccessMessage, info.SessionId);
            return new SyncResponse(null, answer, holder);
        }

        return await provider.ForwardAsync(route, info, data, hops, cancellationToken).ConfigureAwait(false);
    }
}

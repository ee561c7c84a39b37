using System.Security.Cryptography.X509Certificates;
using System.Xml;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Gateway.Routing;
using ProactiveReissue.Shep.Envelope;

namespace ProactiveReissue.Gateway.Sync;

/// <summary>
/// What happens to a SendMessage once its transport signature has been verified, whichever channel
/// (SOAP or REST) carried it: the access checks, then the provider.
/// </summary>
public sealed class SyncProcessor(AccessGuard guard, ProviderClient provider)
{
    public async Task<SyncResponse> ProcessAsync(RequestInfo info, XmlElement? data, X509Certificate2 signer, ICollection<JournalEntry> hops, CancellationToken cancellationToken)
    {
        var (_, route) = await guard.CheckAsync(info, data, signer, cancellationToken).ConfigureAwait(false);
        return await provider.ForwardAsync(route, info, data, hops, cancellationToken).ConfigureAwait(false);
    }
}

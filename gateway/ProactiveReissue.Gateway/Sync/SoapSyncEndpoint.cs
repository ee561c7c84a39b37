using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Security;

namespace ProactiveReissue.Gateway.Sync;

/// <summary>
/// POST /bip-sync-wss-gost/: the SOAP 1.1 SyncChannel. Every answer, success or fault, is signed by the
/// gateway and journaled before it is written.
/// </summary>
public sealed class SoapSyncEndpoint(SyncProcessor processor, WsSecurityVerifier verifier, SoapChannel channel)
{
    public const string Path = "/bip-sync-wss-gost/";

    public Task HandleAsync(HttpContext context) => channel.HandleAsync(
        context,
        "soap",
        _ => (SyncMessageReader.FaultElement, ShepNamespaces.SyncTypes),
        async (soap, exchange) =>
        {
            var request = SyncMessageReader.ReadRequest(soap);
            exchange.Info = request.Info with { SessionId = exchange.SessionId };
            using var scope = channel.Scope(request.Info);
            var signature = verifier.Verify(soap);
            var response = await processor.ProcessAsync(exchange.Info, request.Data, signature.Certificate, exchange.ProviderHops, CancellationToken.None).ConfigureAwait(false);
            var info = response.Info with { SessionId = exchange.SessionId, CorrelationId = response.Info.CorrelationId ?? request.Info.CorrelationId };
            return SyncMessageWriter.Response(info, response.Data, SoapEnvelopeWriter.NewBodyId());
        });
}

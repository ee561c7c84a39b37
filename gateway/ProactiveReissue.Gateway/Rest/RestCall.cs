using System.Security.Cryptography.X509Certificates;
using ProactiveReissue.Gateway.Sync;

namespace ProactiveReissue.Gateway.Rest;

/// <summary>One REST request being handled: its raw body, its exchange, and the check of its detached JWS.</summary>
public sealed class RestCall(HttpContext context, SyncExchange exchange)
{
    public SyncExchange Exchange => exchange;

    public byte[] Body => exchange.RequestBytes;

    public CancellationToken CancellationToken => context.RequestAborted;

    /// <summary>Verifies X-JWS-Signature over the body; SCE006/007/008 on failure.</summary>
    public X509Certificate2 VerifySigner() => DetachedJws.Verify(context.Request.Headers[DetachedJws.HeaderName], exchange.RequestBytes);
}

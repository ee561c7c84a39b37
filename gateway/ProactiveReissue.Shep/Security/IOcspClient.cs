using System.Security.Cryptography.X509Certificates;

namespace ProactiveReissue.Shep.Security;

/// <summary>Online revocation status. Optional: when none is configured the CRLs decide.</summary>
public interface IOcspClient
{
    /// <summary>True revoked, false good, null unknown (fall back to the CRL).</summary>
    Task<bool?> IsRevokedAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken cancellationToken);
}

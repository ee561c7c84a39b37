using System.Security.Cryptography.X509Certificates;

namespace ProactiveReissue.Shep.Security;

/// <summary>What the gateway trusts: root certificates, intermediates to build chains with, and CRLs.</summary>
public sealed record CertificateTrust(
    X509Certificate2Collection Roots,
    X509Certificate2Collection Intermediates,
    IReadOnlyList<RevocationList> RevocationLists);

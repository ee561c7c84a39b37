using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProactiveReissue.Shep.Security;

/// <summary>
/// Certificates parsed from KeyInfo and their RSA public keys, cached: decoding a certificate and
/// importing its key cost more than the RSA verification. Keys are kept per thread because the RSA
/// type makes no promise about concurrent use of one instance.
/// </summary>
internal static class RsaKeys
{
    private const int MaxCertificates = 1_000;

    /// <summary>
    /// Real certificates are 1–3 KB of base64. KeyInfo is read before anything is verified, so a larger
    /// one is parsed but never cached: otherwise unauthenticated requests could pin gigabytes.
    /// </summary>
    private const int MaxCachedBase64Length = 16 * 1024;
    private static readonly ConcurrentDictionary<string, X509Certificate2> Certificates = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static Dictionary<string, RSA>? t_publicKeys;

    public static X509Certificate2 Certificate(string base64)
    {
        base64 = base64.Trim();
        if (Certificates.TryGetValue(base64, out var cached))
        {
            return cached;
        }

        var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64));
        if (base64.Length > MaxCachedBase64Length)
        {
            return certificate;
        }

        if (Certificates.Count >= MaxCertificates)
        {
            Certificates.Clear();
        }

        return Certificates.GetOrAdd(base64, certificate);
    }

    /// <summary>The RSA public key of a certificate, owned by the cache (do not dispose).</summary>
    public static RSA? PublicKey(X509Certificate2 certificate)
    {
        var keys = t_publicKeys ??= new Dictionary<string, RSA>(StringComparer.Ordinal);
        if (keys.TryGetValue(certificate.Thumbprint, out var key))
        {
            return key;
        }

        key = certificate.GetRSAPublicKey();
        if (key is not null)
        {
            if (keys.Count >= 1_000)
            {
                keys.Clear();
            }

            keys[certificate.Thumbprint] = key;
        }

        return key;
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Shep.Security;

/// <summary>
/// The checks before a signer is trusted (contract page, e-service regulation §6.7): validity period,
/// key usage for signing, chain to a configured root, not revoked (OCSP if configured, then the CRLs).
/// Chain and revocation results are cached per certificate for a short time; the validity period is
/// checked on every call.
/// </summary>
public sealed class CertificateValidator(CertificateTrust trust, TimeProvider time, IOcspClient? ocsp = null, TimeSpan? cacheFor = null)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset CheckedAt, ShepException? Error)> _cache = new(StringComparer.Ordinal);
    private readonly TimeSpan _cacheFor = cacheFor ?? TimeSpan.FromMinutes(1);

    public CertificateTrust Trust => trust;

    public async ValueTask ValidateAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime())
        {
            throw new ShepException(ShepFaults.CertificateExpired, $"Certificate '{certificate.Subject}' is not valid before {LocalClock.Format(certificate.NotBefore)}.");
        }

        if (now > certificate.NotAfter.ToUniversalTime())
        {
            throw new ShepException(ShepFaults.CertificateExpired, $"Certificate '{certificate.Subject}' expired on {LocalClock.Format(certificate.NotAfter)}.");
        }

        CheckKeyUsage(certificate);

        if (_cache.TryGetValue(certificate.Thumbprint, out var cached) && now - cached.CheckedAt < _cacheFor)
        {
            if (cached.Error is not null)
            {
                throw cached.Error;
            }

            return;
        }

        ShepException? error = null;
        try
        {
            await CheckChainAndRevocationAsync(certificate, now, cancellationToken).ConfigureAwait(false);
        }
        catch (ShepException ex)
        {
            error = ex;
        }

        _cache[certificate.Thumbprint] = (now, error);
        if (error is not null)
        {
            throw error;
        }
    }

    private static void CheckKeyUsage(X509Certificate2 certificate)
    {
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        const X509KeyUsageFlags signing = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation;
        if (usage is null || (usage.KeyUsages & signing) == 0)
        {
            throw new ShepException(ShepFaults.CertificateKeyUsage, $"Certificate '{certificate.Subject}' has key usage '{usage?.KeyUsages.ToString() ?? "none"}', not digitalSignature or nonRepudiation.");
        }
    }

    private async Task CheckChainAndRevocationAsync(X509Certificate2 certificate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust.Roots);
        chain.ChainPolicy.ExtraStore.AddRange(trust.Intermediates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (!chain.Build(certificate))
        {
            var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
            var text = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0));
            if ((flags & ~(X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested)) == 0)
            {
                throw new ShepException(ShepFaults.CertificateExpired, $"A certificate in the chain of '{certificate.Subject}' is outside its validity period: {text}");
            }

            throw new ShepException(ShepFaults.CertificateUntrusted, $"Certificate '{certificate.Subject}' does not chain to a trusted root: {text}");
        }

        var elements = chain.ChainElements;
        for (var i = 0; i < elements.Count - 1; i++)
        {
            var subject = elements[i].Certificate;
            var issuer = elements[i + 1].Certificate;
            if (ocsp is not null)
            {
                var online = await ocsp.IsRevokedAsync(subject, issuer, cancellationToken).ConfigureAwait(false);
                if (online == true)
                {
                    throw Revoked(subject, "OCSP");
                }

                if (online == false)
                {
                    continue;
                }
            }

            foreach (var crl in trust.RevocationLists)
            {
                if (crl.IsIssuedBy(issuer) && crl.IsRevoked(subject))
                {
                    throw Revoked(subject, $"the CRL of '{issuer.Subject}' dated {LocalClock.Format(crl.ThisUpdate)}");
                }
            }
        }
    }

    private static ShepException Revoked(X509Certificate2 certificate, string source) =>
        new(ShepFaults.CertificateRevoked, $"Certificate '{certificate.Subject}' (serial {certificate.SerialNumber}) is revoked according to {source}.");
}

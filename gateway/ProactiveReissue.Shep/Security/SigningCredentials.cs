using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProactiveReissue.Shep.Security;

/// <summary>A certificate with its RSA private key: what the gateway (or a test client) signs with.</summary>
public sealed class SigningCredentials : IDisposable
{
    public SigningCredentials(X509Certificate2 certificate)
    {
        Certificate = certificate;
        Key = certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException($"Certificate '{certificate.Subject}' has no RSA private key.", nameof(certificate));
        CertificateBase64 = Convert.ToBase64String(certificate.RawData);
        _perThread = new ThreadLocal<RSA>(() => certificate.GetRSAPrivateKey()!, trackAllValues: true);
    }

    private readonly ThreadLocal<RSA> _perThread;

    /// <summary>The private key for the calling thread: one RSA instance is never used by two threads at once.</summary>
    public RSA ThreadKey => _perThread.Value!;

    public X509Certificate2 Certificate { get; }

    public RSA Key { get; }

    public string CertificateBase64 { get; }

    public void Dispose()
    {
        foreach (var key in _perThread.Values)
        {
            key.Dispose();
        }

        _perThread.Dispose();
        Key.Dispose();
    }
}

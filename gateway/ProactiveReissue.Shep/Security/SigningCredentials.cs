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
    }

    public X509Certificate2 Certificate { get; }

    public RSA Key { get; }

    public string CertificateBase64 { get; }

    public void Dispose() => Key.Dispose();
}

using System.Security.Cryptography.X509Certificates;
using ProactiveReissue.Shep.Security;

namespace ProactiveReissue.Adapters.Shep;

/// <summary>Loads the certificates an adapter's settings name.</summary>
public static class AdapterCredentials
{
    public static SigningCredentials LoadSigning(AdapterOptions options) =>
        new(X509CertificateLoader.LoadPkcs12FromFile(options.SigningCertificatePath, options.SigningCertificatePassword, X509KeyStorageFlags.Exportable));

    public static X509Certificate2? LoadPeer(AdapterOptions options)
    {
        if (string.IsNullOrEmpty(options.PeerCertificatePath))
        {
            return null;
        }

        var text = File.ReadAllText(options.PeerCertificatePath);
        return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text)
            : X509CertificateLoader.LoadCertificateFromFile(options.PeerCertificatePath);
    }
}

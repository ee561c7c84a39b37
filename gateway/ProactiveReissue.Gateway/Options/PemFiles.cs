using System.Security.Cryptography.X509Certificates;

namespace ProactiveReissue.Gateway.Options;

/// <summary>Loads certificate files named in settings, failing with a sentence naming the setting.</summary>
public static class PemFiles
{
    public static X509Certificate2 LoadCertificate(string path, string setting)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"Setting {setting}: certificate file '{path}' does not exist.");
        }

        return X509CertificateLoader.LoadCertificateFromFile(path);
    }

    public static X509Certificate2 LoadPkcs12(string? path, string? password, string setting)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"Setting {setting}: the signing certificate file '{path}' does not exist. Set it, or run `ProactiveReissue.Gateway devpki` for a developer set.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"Setting {setting}: '{path}' holds no private key.");
        }

        return certificate;
    }
}

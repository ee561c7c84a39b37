using System.Security.Cryptography.X509Certificates;

namespace ProactiveReissue.Shep.Security;

/// <summary>Finds a known certificate for KeyInfo forms that only name it (X509IssuerSerial).</summary>
public interface ICertificateResolver
{
    X509Certificate2? FindByIssuerSerial(string issuerName, string serialNumber);
}

using System.Numerics;
using System.Security.Cryptography.X509Certificates;

namespace ProactiveReissue.Shep.Security;

/// <summary>Resolves X509IssuerSerial against a fixed set of registered certificates.</summary>
public sealed class CertificateCollectionResolver(IEnumerable<X509Certificate2> certificates) : ICertificateResolver
{
    private readonly List<X509Certificate2> _certificates = certificates.ToList();

    /// <summary>RFC 5280 §4.1.2.2: at most 20 octets, i.e. 49 decimal or 40 hex digits; a little slack for signs and zeros.</summary>
    public const int MaxSerialCharacters = 64;

    public static CertificateCollectionResolver Empty { get; } = new([]);

    public X509Certificate2? FindByIssuerSerial(string issuerName, string serialNumber)
    {
        // No certificate can have a longer serial; and turning a huge one into a BigInteger and back to
        // decimal costs time quadratic in its length (seconds for a few hundred thousand digits).
        if (serialNumber.Trim().Length > MaxSerialCharacters)
        {
            return null;
        }

        var wanted = NormalizeSerial(serialNumber);
        var issuer = new X500DistinguishedName(issuerName);
        return _certificates.FirstOrDefault(c =>
            NormalizeSerial(c.SerialNumber) == wanted &&
            (string.Equals(c.IssuerName.Name, issuer.Name, StringComparison.OrdinalIgnoreCase) ||
             c.IssuerName.RawData.AsSpan().SequenceEqual(issuer.RawData)));
    }

    /// <summary>X509IssuerSerial carries the serial as a decimal integer; .NET shows it as hex.</summary>
    private static string NormalizeSerial(string serial)
    {
        serial = serial.Trim();
        if (serial.All(char.IsAsciiDigit))
        {
            return BigInteger.Parse(serial, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var bytes = Convert.FromHexString(serial.Length % 2 == 1 ? "0" + serial : serial);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProactiveReissue.Shep.Pki;

/// <summary>
/// Makes a CA, certificates in the national-CA subject format and CRLs at run time, for the
/// developer PKI command and for the tests. Nothing made here is ever committed.
/// </summary>
public static class CertificateFactory
{
    public const string IndividualPolicy = "1.2.398.3.3.4.1.1";
    public const string LegalEntityHeadPolicy = "1.2.398.3.3.4.1.2.1";

    public static X509Certificate2 CreateRoot(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=ProactiveReissue Development, C=KZ", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>
    /// A leaf certificate. Subject in the national-CA form: CN, SERIALNUMBER=IIN…, and OU=BIN… for a
    /// legal entity's staff.
    /// </summary>
    public static X509Certificate2 CreateLeaf(
        X509Certificate2 issuer,
        string commonName,
        string? iin,
        string? bin,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter,
        X509KeyUsageFlags keyUsage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation,
        string? crlUrl = null)
    {
        using var key = RSA.Create(2048);
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("KZ");
        if (bin is not null)
        {
            builder.AddOrganizationName(commonName);
            builder.AddOrganizationalUnitName("BIN" + bin);
        }

        if (iin is not null)
        {
            builder.Add("2.5.4.5", "IIN" + iin, System.Formats.Asn1.UniversalTagNumber.PrintableString);
        }

        builder.AddCommonName(commonName);
        var request = new CertificateRequest(builder.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var policies = new OidCollection { new Oid(bin is null ? IndividualPolicy : LegalEntityHeadPolicy) };
        request.CertificateExtensions.Add(CertificatePolicies(policies));
        if (crlUrl is not null)
        {
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crlUrl]));
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var signed = request.Create(issuer, notBefore, notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>A CRL signed by the issuer, listing the given certificates as revoked.</summary>
    public static byte[] CreateCrl(X509Certificate2 issuer, IEnumerable<X509Certificate2> revoked, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, BigInteger crlNumber)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, thisUpdate, X509RevocationReason.KeyCompromise);
        }

        return builder.Build(issuer, crlNumber, nextUpdate, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, thisUpdate);
    }

    private static X509Extension CertificatePolicies(OidCollection policies)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var policy in policies)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(policy.Value!);
                }
            }
        }

        return new X509Extension("2.5.29.32", writer.Encode(), false);
    }
}

using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProactiveReissue.Shep.Security;

/// <summary>A parsed X.509 CRL (RFC 5280 §5): issuer, update times and revoked serial numbers.</summary>
public sealed class RevocationList
{
    private readonly HashSet<BigInteger> _revoked;
    private readonly byte[] _tbs;
    private readonly byte[] _signature;
    private readonly string _signatureAlgorithm;

    private RevocationList(X500DistinguishedName issuer, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, HashSet<BigInteger> revoked, byte[] tbs, byte[] signature, string algorithm)
    {
        Issuer = issuer;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        _revoked = revoked;
        _tbs = tbs;
        _signature = signature;
        _signatureAlgorithm = algorithm;
    }

    public X500DistinguishedName Issuer { get; }

    public DateTimeOffset ThisUpdate { get; }

    public DateTimeOffset? NextUpdate { get; }

    public int Count => _revoked.Count;

    public static RevocationList Load(byte[] data)
    {
        if (data.Length > 0 && data[0] == (byte)'-')
        {
            var pem = System.Text.Encoding.ASCII.GetString(data);
            var fields = PemEncoding.Find(pem);
            data = Convert.FromBase64String(pem[fields.Base64Data]);
        }

        var reader = new AsnReader(data, AsnEncodingRules.DER);
        var certList = reader.ReadSequence();
        var tbsBytes = certList.PeekEncodedValue().ToArray();
        var tbs = certList.ReadSequence();
        var algorithm = certList.ReadSequence().ReadObjectIdentifier();
        var signature = certList.ReadBitString(out _);

        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        tbs.ReadSequence(); // signature algorithm, repeated
        var issuer = new X500DistinguishedName(tbs.ReadEncodedValue().ToArray());
        var thisUpdate = ReadTime(tbs);
        DateTimeOffset? nextUpdate = null;
        if (tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || tbs.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
        {
            nextUpdate = ReadTime(tbs);
        }

        var revoked = new HashSet<BigInteger>();
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                var entry = entries.ReadSequence();
                revoked.Add(entry.ReadInteger());
            }
        }

        return new RevocationList(issuer, thisUpdate, nextUpdate, revoked, tbsBytes, signature, algorithm);
    }

    public bool IsRevoked(X509Certificate2 certificate) =>
        _revoked.Contains(new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true));

    public bool IsIssuedBy(X509Certificate2 issuer) =>
        issuer.SubjectName.RawData.AsSpan().SequenceEqual(Issuer.RawData) && VerifySignature(issuer);

    private bool VerifySignature(X509Certificate2 issuer)
    {
        var hash = _signatureAlgorithm switch
        {
            "1.2.840.113549.1.1.11" => HashAlgorithmName.SHA256,
            "1.2.840.113549.1.1.12" => HashAlgorithmName.SHA384,
            "1.2.840.113549.1.1.13" => HashAlgorithmName.SHA512,
            _ => (HashAlgorithmName?)null,
        };
        using var rsa = issuer.GetRSAPublicKey();
        return hash is not null && rsa is not null && rsa.VerifyData(_tbs, _signature, hash.Value, RSASignaturePadding.Pkcs1);
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}

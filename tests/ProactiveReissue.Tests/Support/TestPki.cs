using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using ProactiveReissue.Shep.Identity;
using ProactiveReissue.Shep.Pki;
using ProactiveReissue.Shep.Security;

namespace ProactiveReissue.Tests.Support;

/// <summary>
/// One PKI made at run time and shared by every test (RSA key generation is the slow part): a trusted
/// root, an untrusted root, an impostor root with the trusted root's name but another key, and leaves
/// in the national-CA subject format. No private key is ever written to disk.
/// </summary>
public sealed class TestPki
{
    private static readonly Lazy<TestPki> Instance = new(() => new TestPki(), LazyThreadSafetyMode.ExecutionAndPublication);

    private TestPki()
    {
        CreatedAt = DateTimeOffset.UtcNow;
        ClientIin = IinBin.Complete("85031230011")!;
        ClientBin = IinBin.Complete("26054011100")!;
        OtherBin = IinBin.Complete("26054022201")!;

        // RSA key generation dominates the suite's run time: make the keys side by side.
        var roots = Parallel(
            () => CertificateFactory.CreateRoot("Unit Test Root CA", CreatedAt.AddDays(-30), CreatedAt.AddYears(3)),
            () => CertificateFactory.CreateRoot("Unit Test Other CA", CreatedAt.AddDays(-30), CreatedAt.AddYears(3)),
            () => CertificateFactory.CreateRoot("Unit Test Root CA", CreatedAt.AddDays(-30), CreatedAt.AddYears(3)));
        (Root, OtherRoot, ImpostorRoot) = (roots[0], roots[1], roots[2]);
        var leaves = Parallel(
            () => Leaf(Root, "Client LLP", ClientIin, ClientBin),
            () => Leaf(Root, "Asel Nurlanovna", ClientIin, null),
            () => Leaf(Root, "Revoked LLP", ClientIin, ClientBin),
            () => Leaf(OtherRoot, "Client LLP", ClientIin, ClientBin),
            () => Leaf(Root, "Encryption Only", ClientIin, ClientBin, X509KeyUsageFlags.KeyEncipherment),
            () => Leaf(Root, "Non Repudiation", ClientIin, ClientBin, X509KeyUsageFlags.NonRepudiation));
        (Client, Individual, Revoked, Untrusted, KeyEncipherment, NonRepudiationOnly) =
            (Credentials(leaves[0]), Credentials(leaves[1]), Credentials(leaves[2]), Credentials(leaves[3]), Credentials(leaves[4]), Credentials(leaves[5]));
        Crl = CertificateFactory.CreateCrl(Root, [Revoked.Certificate], CreatedAt.AddMinutes(-5), CreatedAt.AddDays(7), new BigInteger(42));
    }

    public static TestPki Shared => Instance.Value;

    /// <summary>The real time the PKI was made; a fake clock starts here to stay inside every validity period.</summary>
    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset LeafNotBefore => CreatedAt.AddDays(-1);

    public DateTimeOffset LeafNotAfter => CreatedAt.AddYears(1);

    public X509Certificate2 Root { get; }

    public X509Certificate2 OtherRoot { get; }

    /// <summary>Same subject name as <see cref="Root"/>, different key.</summary>
    public X509Certificate2 ImpostorRoot { get; }

    public string ClientIin { get; }

    public string ClientBin { get; }

    public string OtherBin { get; }

    /// <summary>A legal entity's staff certificate: SERIALNUMBER=IIN…, OU=BIN….</summary>
    public SigningCredentials Client { get; }

    /// <summary>An individual's certificate: SERIALNUMBER=IIN… only.</summary>
    public SigningCredentials Individual { get; }

    /// <summary>Listed in <see cref="Crl"/>.</summary>
    public SigningCredentials Revoked { get; }

    public SigningCredentials Untrusted { get; }

    public SigningCredentials KeyEncipherment { get; }

    public SigningCredentials NonRepudiationOnly { get; }

    /// <summary>DER CRL of <see cref="Root"/> listing <see cref="Revoked"/>.</summary>
    public byte[] Crl { get; }

    public CertificateTrust Trust(params byte[][] crls) =>
        new([Root], [], crls.Select(RevocationList.Load).ToList());

    private X509Certificate2 Leaf(X509Certificate2 issuer, string name, string? iin, string? bin, X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation) =>
        CertificateFactory.CreateLeaf(issuer, name, iin, bin, LeafNotBefore, LeafNotAfter, usage);

    private static SigningCredentials Credentials(X509Certificate2 certificate) => new(certificate);

    private static X509Certificate2[] Parallel(params Func<X509Certificate2>[] makers) =>
        Task.WhenAll(makers.Select(Task.Run)).GetAwaiter().GetResult();
}

using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using ProactiveReissue.Gateway.Pki;
using ProactiveReissue.Shep.Pki;
using ProactiveReissue.Shep.Security;

namespace ProactiveReissue.IntegrationTests.Infrastructure;

/// <summary>
/// A PKI made at run time for the tests: a trusted root, an untrusted one, the gateway, a provider, a
/// client (IIN/BIN) and the bad certificates the corpus needs. Files go to a temp folder.
/// </summary>
public sealed class TestPki : IDisposable
{
    public TestPki()
    {
        var now = DateTimeOffset.UtcNow;
        Directory = System.IO.Directory.CreateTempSubdirectory("pr-pki-").FullName;
        Root = CertificateFactory.CreateRoot("Test Root CA", now.AddDays(-30), now.AddYears(3));
        var otherRoot = CertificateFactory.CreateRoot("Untrusted Root CA", now.AddDays(-30), now.AddYears(3));
        ClientBin = SyntheticIds.From(26_0540_11100);
        ClientIin = SyntheticIds.From(85_0312_31100);
        OtherBin = SyntheticIds.From(26_0540_22200);
        Gateway = Credentials(CertificateFactory.CreateLeaf(Root, "Gateway", null, SyntheticIds.From(26_0540_00001), now.AddDays(-1), now.AddYears(1)));
        Provider = Credentials(CertificateFactory.CreateLeaf(Root, "Provider", null, SyntheticIds.From(26_0540_33300), now.AddDays(-1), now.AddYears(1)));
        OtherProvider = Credentials(CertificateFactory.CreateLeaf(Root, "Impostor Provider", null, SyntheticIds.From(26_0540_44400), now.AddDays(-1), now.AddYears(1)));
        Client = Credentials(CertificateFactory.CreateLeaf(Root, "Client LLP", ClientIin, ClientBin, now.AddDays(-1), now.AddYears(1)));
        Expired = Credentials(CertificateFactory.CreateLeaf(Root, "Client LLP", ClientIin, ClientBin, now.AddDays(-20), now.AddDays(-2)));
        NotYetValid = Credentials(CertificateFactory.CreateLeaf(Root, "Client LLP", ClientIin, ClientBin, now.AddDays(2), now.AddDays(20)));
        Revoked = Credentials(CertificateFactory.CreateLeaf(Root, "Client LLP", ClientIin, ClientBin, now.AddDays(-1), now.AddYears(1)));
        Untrusted = Credentials(CertificateFactory.CreateLeaf(otherRoot, "Client LLP", ClientIin, ClientBin, now.AddDays(-1), now.AddYears(1)));
        WrongKeyUsage = Credentials(CertificateFactory.CreateLeaf(Root, "Client LLP", ClientIin, ClientBin, now.AddDays(-1), now.AddYears(1), X509KeyUsageFlags.KeyEncipherment));
        WrongBin = Credentials(CertificateFactory.CreateLeaf(Root, "Other LLP", ClientIin, OtherBin, now.AddDays(-1), now.AddYears(1)));
        var crl = CertificateFactory.CreateCrl(Root, [Revoked.Certificate], now.AddMinutes(-5), now.AddDays(7), BigInteger.One);

        RootPath = Write("root.pem", Root.ExportCertificatePem());
        CrlPath = Path.Combine(Directory, "crl.der");
        File.WriteAllBytes(CrlPath, crl);
        ProviderPath = Write("provider.pem", Provider.Certificate.ExportCertificatePem());
        ClientCertificatePath = Write("client.pem", Client.Certificate.ExportCertificatePem());
        GatewayPfxPath = Path.Combine(Directory, "gateway.pfx");
        File.WriteAllBytes(GatewayPfxPath, Gateway.Certificate.Export(X509ContentType.Pkcs12, GatewayPfxPassword));
        ClientKeyPath = Write("client.key.pem", Client.Key.ExportPkcs8PrivateKeyPem());
        GatewayCertificatePath = Write("gateway.pem", Gateway.Certificate.ExportCertificatePem());
    }

    public const string GatewayPfxPassword = "test-only";

    public string Directory { get; }

    public X509Certificate2 Root { get; }

    public string ClientBin { get; }

    public string ClientIin { get; }

    public string OtherBin { get; }

    public SigningCredentials Gateway { get; }

    public SigningCredentials Provider { get; }

    public SigningCredentials OtherProvider { get; }

    public SigningCredentials Client { get; }

    public SigningCredentials Expired { get; }

    public SigningCredentials NotYetValid { get; }

    public SigningCredentials Revoked { get; }

    public SigningCredentials Untrusted { get; }

    public SigningCredentials WrongKeyUsage { get; }

    public SigningCredentials WrongBin { get; }

    public string RootPath { get; }

    public string CrlPath { get; }

    public string ProviderPath { get; }

    public string ClientCertificatePath { get; }

    public string ClientKeyPath { get; }

    public string GatewayPfxPath { get; }

    public string GatewayCertificatePath { get; }

    /// <summary>Credentials by the names the corpus uses.</summary>
    public SigningCredentials ByName(string name) => name switch
    {
        "client" => Client,
        "expired" => Expired,
        "notyet" => NotYetValid,
        "revoked" => Revoked,
        "untrusted" => Untrusted,
        "keyusage" => WrongKeyUsage,
        "wrongbin" => WrongBin,
        "provider" => Provider,
        "gateway" => Gateway,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown certificate name"),
    };

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static SigningCredentials Credentials(X509Certificate2 certificate) => new(certificate);

    private string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}

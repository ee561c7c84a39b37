using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Shep.Pki;
using ProactiveReissue.Shep.Security;

namespace ProactiveReissue.Gateway.Pki;

/// <summary>
/// The developer PKI: a CA, the gateway's certificate, a demo client (participant DEMO_CLIENT with
/// IIN/BIN), a demo provider, one revoked certificate and the CRL that lists it, plus a settings file
/// (appsettings.devpki.json) that wires them in and the signed WireMock answer of the demo provider.
/// Written into a git-ignored folder; for local runs only.
/// </summary>
public static class DevelopmentPki
{
    public const string SettingsFile = "appsettings.devpki.json";
    public const string ClientSenderId = "DEMO_CLIENT";

    /// <summary>Asks a running WireMock to reload its mapping files (best effort: it may not be up yet).</summary>
    public static void ReloadMocks(string providerBaseUrl)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            using var response = http.PostAsync(providerBaseUrl.TrimEnd('/') + "/__admin/mappings/reset", null).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // WireMock reads the files itself when it starts later.
        }
    }

    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, SettingsFile));

    public static void Create(string directory, string? mocksDirectory, string providerBaseUrl, TimeProvider time)
    {
        Directory.CreateDirectory(directory);
        var now = time.GetUtcNow();
        var notBefore = now.AddDays(-1);
        var root = CertificateFactory.CreateRoot("ProactiveReissue Dev Root CA", notBefore, now.AddYears(5));
        var gatewayBin = SyntheticIds.From(26_0540_00001);
        var clientBin = SyntheticIds.From(26_0540_00100);
        var clientIin = SyntheticIds.From(85_0312_30001);
        var providerBin = SyntheticIds.From(26_0540_00200);
        var gateway = CertificateFactory.CreateLeaf(root, "ProactiveReissue Gateway (dev)", null, gatewayBin, notBefore, now.AddYears(2));
        var client = CertificateFactory.CreateLeaf(root, "Demo Client LLP", clientIin, clientBin, notBefore, now.AddYears(2));
        var provider = CertificateFactory.CreateLeaf(root, "Demo Provider RSE", null, providerBin, notBefore, now.AddYears(2));
        var revoked = CertificateFactory.CreateLeaf(root, "Revoked Demo Client", clientIin, clientBin, notBefore, now.AddYears(2));
        var crl = CertificateFactory.CreateCrl(root, [revoked], now.AddMinutes(-5), now.AddDays(30), BigInteger.One);

        var gatewayPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var clientPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        string P(string name) => Path.GetFullPath(Path.Combine(directory, name));
        File.WriteAllText(P("ca.pem"), root.ExportCertificatePem());
        File.WriteAllBytes(P("gateway.pfx"), gateway.Export(X509ContentType.Pkcs12, gatewayPassword));
        File.WriteAllText(P("gateway.pem"), gateway.ExportCertificatePem());
        File.WriteAllBytes(P("client.pfx"), client.Export(X509ContentType.Pkcs12, clientPassword));
        File.WriteAllText(P("client.pem"), client.ExportCertificatePem());
        File.WriteAllText(P("client.key.pem"), client.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(P("provider.pem"), provider.ExportCertificatePem());
        File.WriteAllBytes(P("revoked.pfx"), revoked.Export(X509ContentType.Pkcs12, clientPassword));
        File.WriteAllBytes(P("crl.der"), crl);
        File.WriteAllText(P("client-password.txt"), clientPassword);

        var services = new[] { ("DEMO_ECHO", "echo", 10_000), ("DEMO_FAULT", "fault", 10_000), ("DEMO_SLOW", "slow", 2_000), ("DEMO_RESET", "reset", 5_000), ("DEMO_UNSIGNED", "unsigned", 5_000) };
        var settings = new
        {
            Gateway = new
            {
                Signing = new { CertificatePath = P("gateway.pfx"), CertificatePassword = gatewayPassword },
                Trust = new { RootCertificates = new[] { P("ca.pem") }, Crls = new[] { P("crl.der") } },
                Participants = new object[]
                {
                    new { SenderId = ClientSenderId, PasswordHash = PasswordHasher.Hash(clientPassword), Bin = clientBin, Iin = clientIin, Services = services.Select(s => s.Item1).Append("DEMO_ASYNC").ToArray(), CertificatePath = P("client.pem"), PushUrl = providerBaseUrl.TrimEnd('/') + "/client/push" },
                    new { SenderId = "DEMO_PROVIDER", PasswordHash = PasswordHasher.Hash(clientPassword), Bin = clientBin, Iin = clientIin, Services = new[] { "DEMO_ASYNC" }, CertificatePath = P("client.pem"), PushUrl = providerBaseUrl.TrimEnd('/') + "/provider/push" },
                    new { SenderId = "MONITORING", PasswordHash = PasswordHasher.Hash(clientPassword), Bin = clientBin, Iin = clientIin, Services = Array.Empty<string>(), CertificatePath = P("client.pem"), PushUrl = providerBaseUrl.TrimEnd('/') + "/monitoring/push" },
                },
                Services = services.Select(s => new
                {
                    ServiceId = s.Item1,
                    ProviderUrl = (string?)(providerBaseUrl.TrimEnd('/') + "/provider/" + s.Item2),
                    ProviderCertificatePath = (string?)P("provider.pem"),
                    TimeoutMs = s.Item3,
                    Recipient = (string?)null,
                }).Append(new { ServiceId = "DEMO_ASYNC", ProviderUrl = (string?)null, ProviderCertificatePath = (string?)null, TimeoutMs = 10_000, Recipient = (string?)"DEMO_PROVIDER" }).ToArray(),
                Monitoring = new { Recipient = "MONITORING" },
            },
        };
        File.WriteAllText(P(SettingsFile), JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true }));

        if (mocksDirectory is not null && Directory.Exists(mocksDirectory))
        {
            using var providerCredentials = new SigningCredentials(provider);
            var generated = Path.Combine(mocksDirectory, "mappings", "generated");
            Directory.CreateDirectory(generated);
            var body = SignedProviderAnswer.Create(providerCredentials, "<echo xmlns=\"urn:demo:echo\"><result>ok</result><note>Answer of the demo provider</note></echo>", now);
            File.WriteAllText(Path.Combine(generated, "echo.json"), SignedProviderAnswer.Mapping("/provider/echo", body));
        }
    }
}

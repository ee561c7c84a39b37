using System.Text.Json;
using ProactiveReissue.Gateway.Participants;

namespace ProactiveReissue.IntegrationTests.Infrastructure;

/// <summary>
/// Settings of one gateway child process in distributed mode (<c>Store:Provider=redis</c>): queue, journal,
/// replay window and the asynchronous channel's states on a shared redis-server (the SQLite paths point into
/// its own directory and must stay unused), the fixture's PKI (so every instance has the same gateway
/// certificate and trusts the same clients), one client and one push receiver.
/// </summary>
public static class DistributedGateway
{
    public const string Service = "DIST";
    public const string Client = "DIST_CLIENT";
    public const string Receiver = "DIST_RECEIVER";

    /// <summary>Writes settings.json in a new temp directory and returns its path.</summary>
    /// <param name="leaseMs">How long an instance keeps what it leased; a dead instance's leases fall due after this.</param>
    public static async Task<string> WriteSettingsAsync(GatewayFixture fixture, string receiverUrl, int redisPort, int leaseMs = 3000, int maxConcurrency = 64)
    {
        var directory = Directory.CreateTempSubdirectory("pr-dist-").FullName;
        var settings = new
        {
            Serilog = new { MinimumLevel = new { Default = "Warning" } },
            Gateway = new
            {
                Pki = new { Directory = directory, AutoCreate = false },
                Signing = new { CertificatePath = fixture.Pki.GatewayPfxPath, CertificatePassword = TestPki.GatewayPfxPassword },
                Trust = new { RootCertificates = new[] { fixture.Pki.RootPath }, Crls = new[] { fixture.Pki.CrlPath } },
                Participants = new object[]
                {
                    new { SenderId = Client, PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.ClientBin, Services = new[] { Service } },
                    new { SenderId = Receiver, PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.OtherBin, Services = Array.Empty<string>(), PushUrl = receiverUrl },
                },
                Services = new[] { new { ServiceId = Service, Recipient = Receiver } },
                Store = new
                {
                    Provider = "redis",
                    Redis = new { Host = "127.0.0.1", Port = redisPort, ReconnectMinBackoff = "00:00:00.050", ReconnectMaxBackoff = "00:00:00.300" },
                    SqlitePath = Path.Combine(directory, "gateway.db"),
                    AsyncSqlitePath = Path.Combine(directory, "async.db"),
                },
                Queue = new
                {
                    SqlitePath = Path.Combine(directory, "queue.db"),
                    BaseDelayMs = 100,
                    MaxDelayMs = 1000,
                    AttemptTimeoutMs = 2000,
                    LeaseMs = leaseMs,
                    MaxConcurrency = maxConcurrency,
                },
            },
        };
        var path = Path.Combine(directory, "settings.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(settings));
        return path;
    }

    /// <summary>A signed sendMessage of the distributed test service, as <see cref="Client"/> sends it.</summary>
    public static byte[] Send(GatewayFixture fixture, string messageType, int conversation, int index, string? correlationId = null) =>
        ShepTestClient.Signed(
            AsyncEnvelopes.Send(Service, messageType, Client, fixture.Password, correlationId, $"<data><step xmlns=\"urn:test:dist\"><c>{conversation}</c><i>{index}</i></step></data>"),
            fixture.Pki.Client);
}

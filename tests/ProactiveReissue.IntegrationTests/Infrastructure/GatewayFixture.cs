using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ProactiveReissue.Gateway;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Gateway.Pki;

namespace ProactiveReissue.IntegrationTests.Infrastructure;

/// <summary>
/// One real gateway (Kestrel on a loopback port, SQLite file, settings file) in front of one real
/// WireMock, with the test PKI. Shared by the integration tests through a collection.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string Sender = "CLIENT";
    public const string OtherSender = "OTHER_CLIENT";
    public const string PushProvider = "PUSH_PROVIDER";
    public const string PullProvider = "PULL_PROVIDER";
    public const string DownProvider = "DOWN_PROVIDER";
    public const string Monitoring = "MONITORING";

    private WebApplication? _app;

    public TestPki Pki { get; } = new();

    public WireMockProcess WireMock { get; private set; } = null!;

    public string Password { get; } = "pw-" + Guid.NewGuid().ToString("N");

    public string BaseUrl { get; private set; } = string.Empty;

    public string SyncUrl => BaseUrl + "/bip-sync-wss-gost/";

    public string AsyncUrl => BaseUrl + "/bip-async-wss-gost/";

    public string DatabasePath => Path.Combine(Pki.Directory, "gateway.db");

    public long MaxRequestBytes => 1024 * 1024;

    public ShepTestClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        WireMock = await WireMockProcess.StartAsync();
        var now = DateTimeOffset.UtcNow;
        await WireMock.AddMappingAsync(SignedProviderAnswer.Mapping("/test/echo", SignedProviderAnswer.Create(Pki.Provider, "<echo xmlns=\"urn:test:echo\"><result>ok</result></echo>", now, "provider-msg-1"), priority: 1));
        await WireMock.AddMappingAsync(SignedProviderAnswer.Mapping("/test/impostor", SignedProviderAnswer.Create(Pki.OtherProvider, "<echo><result>forged</result></echo>", now), priority: 1));
        await WireMock.AddMappingAsync("{\"priority\":1,\"request\":{\"method\":\"POST\",\"urlPathPattern\":\"/push/(provider|client|monitoring)\"},\"response\":{\"status\":200}}");
        await WireMock.AddMappingAsync("{\"priority\":1,\"request\":{\"method\":\"POST\",\"urlPath\":\"/push/down\"},\"response\":{\"status\":503}}");
        await WireMock.AddMappingAsync(SignedProviderAnswer.Mapping("/test/slow", SignedProviderAnswer.Create(Pki.Provider, "<echo><result>late</result></echo>", now), priority: 1, delayMs: 3000));

        var settingsPath = Path.Combine(Pki.Directory, "settings.json");
        await File.WriteAllTextAsync(settingsPath, JsonSerializer.Serialize(Settings()));
        _app = GatewayApp.Create(["--urls", "http://127.0.0.1:0", "--settings", settingsPath, "--environment", "Testing"]);
        GatewayApp.WarmUp(_app);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        Client = new ShepTestClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, SyncUrl, Pki.Gateway.Certificate);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await WireMock.DisposeAsync();
        Pki.Dispose();
    }

    private object Settings()
    {
        var provider = WireMock.BaseUrl;
        var deadPort = FreePort.Next();
        object Service(string id, string url, int timeoutMs = 5000, bool business = false, int minThroughput = 10, int breakSeconds = 30) => new
        {
            ServiceId = id,
            ProviderUrl = url,
            ProviderCertificatePath = Pki.ProviderPath,
            TimeoutMs = timeoutMs,
            RequireBusinessSignature = business,
            BreakerMinimumThroughput = minThroughput,
            BreakerBreakSeconds = breakSeconds,
        };
        var services = new[]
        {
            Service("ECHO", provider + "/test/echo"),
            Service("ECHO_SIGNED_DATA", provider + "/test/echo", business: true),
            Service("FAULT", provider + "/provider/fault"),
            Service("SLOW", provider + "/test/slow", timeoutMs: 1000),
            Service("RESET", provider + "/provider/reset"),
            Service("EMPTY", provider + "/provider/empty"),
            Service("GARBAGE", provider + "/provider/garbage"),
            Service("UNSIGNED", provider + "/provider/unsigned"),
            Service("IMPOSTOR", provider + "/test/impostor"),
            Service("DOWN", $"http://127.0.0.1:{deadPort}/nobody", minThroughput: 3, breakSeconds: 60),
            Service("FORBIDDEN", provider + "/test/echo"),
            new { ServiceId = "ASYNC_PUSH", Recipient = PushProvider },
            new { ServiceId = "ASYNC_PULL", Recipient = PullProvider },
            new { ServiceId = "ASYNC_DOWN", Recipient = DownProvider },
            new { ServiceId = "MONITORING_APPLICATION", Recipient = PullProvider },
        };
        var allowed = new[] { "ECHO", "ECHO_SIGNED_DATA", "FAULT", "SLOW", "RESET", "EMPTY", "GARBAGE", "UNSIGNED", "IMPOSTOR", "DOWN", "ASYNC_PUSH", "ASYNC_PULL", "ASYNC_DOWN" };
        return new
        {
            Serilog = new { MinimumLevel = new { Default = "Warning" } },
            Gateway = new
            {
                Pki = new { Directory = Pki.Directory, AutoCreate = false },
                Signing = new { CertificatePath = Pki.GatewayPfxPath, CertificatePassword = TestPki.GatewayPfxPassword },
                Trust = new { RootCertificates = new[] { Pki.RootPath }, Crls = new[] { Pki.CrlPath } },
                Participants = new object[]
                {
                    new { SenderId = Sender, PasswordHash = PasswordHasher.Hash(Password, 1000), Bin = Pki.ClientBin, Iin = Pki.ClientIin, Services = allowed, CertificatePath = Pki.ClientCertificatePath, PushUrl = provider + "/push/client" },
                    new { SenderId = OtherSender, PasswordHash = PasswordHasher.Hash(Password, 1000), Bin = Pki.OtherBin, Services = new[] { "ECHO" } },
                    new { SenderId = PushProvider, PasswordHash = PasswordHasher.Hash(Password, 1000), Bin = Pki.OtherBin, Services = new[] { "ASYNC_PUSH" }, PushUrl = provider + "/push/provider" },
                    new { SenderId = PullProvider, PasswordHash = PasswordHasher.Hash(Password, 1000), Bin = Pki.OtherBin, Services = new[] { "ASYNC_PULL", "MONITORING_APPLICATION" } },
                    new { SenderId = Monitoring, PasswordHash = PasswordHasher.Hash(Password, 1000), Bin = Pki.OtherBin, Services = new[] { "MONITORING_APPLICATION" }, PushUrl = provider + "/push/monitoring" },
                    new { SenderId = DownProvider, PasswordHash = PasswordHasher.Hash(Password, 1000), Bin = Pki.OtherBin, Services = new[] { "ASYNC_DOWN" }, PushUrl = provider + "/push/down" },
                },
                Services = services,
                Store = new { Provider = "sqlite", SqlitePath = DatabasePath, AsyncSqlitePath = Path.Combine(Pki.Directory, "async.db") },
                Queue = new { SqlitePath = Path.Combine(Pki.Directory, "queue.db"), BaseDelayMs = 50, MaxDelayMs = 200, MaxAttempts = 3, BreakerFailures = 1000, AttemptTimeoutMs = 2000 },
                Limits = new { MaxRequestBytes, MaxXmlDepth = 64 },
                Security = new { ClockSkewSeconds = 300, ReplayWindowMinutes = 60 },
                Monitoring = new { Recipient = Monitoring },
            },
        };
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}

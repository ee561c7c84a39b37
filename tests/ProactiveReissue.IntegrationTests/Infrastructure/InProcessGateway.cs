using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ProactiveReissue.Gateway;

namespace ProactiveReissue.IntegrationTests.Infrastructure;

/// <summary>
/// A second real gateway (Kestrel on a loopback port) with its own settings and files, for tests that need
/// another configuration than the shared fixture's: the test PKI and fresh SQLite files are filled in,
/// the test gives the rest of the "Gateway" section.
/// </summary>
public sealed class InProcessGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessGateway(WebApplication app, string baseUrl, string directory)
    {
        _app = app;
        BaseUrl = baseUrl;
        Directory = directory;
    }

    public string BaseUrl { get; }

    public string Directory { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<InProcessGateway> StartAsync(GatewayFixture fixture, object gateway, object? adapters = null, Action<WebApplicationBuilder>? configure = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("pr-gw-").FullName;
        var section = JsonSerializer.SerializeToNode(new
        {
            Pki = new { Directory = directory },
            Signing = new { CertificatePath = fixture.Pki.GatewayPfxPath, CertificatePassword = TestPki.GatewayPfxPassword },
            Trust = new { RootCertificates = new[] { fixture.Pki.RootPath }, Crls = new[] { fixture.Pki.CrlPath } },
            Store = new { SqlitePath = Path.Combine(directory, "gateway.db"), AsyncSqlitePath = Path.Combine(directory, "async.db") },
            Queue = new { SqlitePath = Path.Combine(directory, "queue.db") },
            Reissue = new { SqlitePath = Path.Combine(directory, "cases.db") },
        })!.AsObject();
        Merge(section, JsonSerializer.SerializeToNode(gateway)!.AsObject());
        var settings = new JsonObject
        {
            ["Serilog"] = new JsonObject { ["MinimumLevel"] = new JsonObject { ["Default"] = "Warning" } },
            ["Gateway"] = section,
        };
        if (adapters is not null)
        {
            settings["Adapters"] = JsonSerializer.SerializeToNode(adapters);
        }

        var path = Path.Combine(directory, "settings.json");
        await File.WriteAllTextAsync(path, settings.ToJsonString());
        var app = GatewayApp.Create(["--urls", "http://127.0.0.1:0", "--settings", path, "--environment", "Testing"], configure);
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InProcessGateway(app, baseUrl, directory);
    }

    public ShepTestClient SyncClient(GatewayFixture fixture) => new(fixture.Client.Http, BaseUrl + "/bip-sync-wss-gost/", fixture.Pki.Gateway.Certificate);

    public ShepTestClient AsyncClient(GatewayFixture fixture) => new(fixture.Client.Http, BaseUrl + "/bip-async-wss-gost/", fixture.Pki.Gateway.Certificate);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The test's values win; nested objects merge key by key.</summary>
    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}

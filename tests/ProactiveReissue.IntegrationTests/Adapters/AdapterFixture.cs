using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ProactiveReissue.Adapters.Shep;
using ProactiveReissue.IntegrationTests.Infrastructure;

namespace ProactiveReissue.IntegrationTests.Adapters;

/// <summary>
/// The real WireMock started from mocks/ (with the adapter mappings) and a run-time PKI; builds adapter settings that
/// point at it. Shared by the adapter contract tests, which run one after another (scenarios and fault stubs).
/// </summary>
public sealed class AdapterFixture : IAsyncLifetime
{
    private readonly List<HttpClient> _clients = [];

    public WireMockProcess WireMock { get; private set; } = null!;

    public TestPki Pki { get; } = new();

    public async Task InitializeAsync() => WireMock = await WireMockProcess.StartAsync();

    /// <summary>Settings for <paramref name="system"/> (the mock's URL path), fast enough for tests.</summary>
    public T Options<T>(string system, Action<T>? configure = null)
        where T : AdapterOptions, new()
    {
        var options = new T
        {
            Endpoint = $"{WireMock.BaseUrl}/{system}",
            TimeoutMs = 3_000,
            SigningCertificatePath = Pki.GatewayPfxPath,
            SigningCertificatePassword = TestPki.GatewayPfxPassword,
            RetryCount = 1,
            RetryDelayMs = 50,
            BreakerMinimumThroughput = 100,
        };
        configure?.Invoke(options);
        return options;
    }

    public HttpClient Http()
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { Timeout = Timeout.InfiniteTimeSpan };
        lock (_clients)
        {
            _clients.Add(http);
        }

        return http;
    }

    public static IDistributedCache NewCache() => new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()));

    /// <summary>Puts every WireMock scenario back to Started.</summary>
    public async Task ResetScenariosAsync()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(WireMock.BaseUrl) };
        using var response = await admin.PostAsync("/__admin/scenarios/reset", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Bodies WireMock received at /<paramref name="system"/> that contain <paramref name="text"/>.</summary>
    public async Task<int> CountRequestsAsync(string system, string text) =>
        (await WireMock.ReceivedBodiesAsync("/" + system)).Count(b => b.Contains(text, StringComparison.Ordinal));

    public async Task DisposeAsync()
    {
        foreach (var http in _clients)
        {
            http.Dispose();
        }

        await WireMock.DisposeAsync();
        Pki.Dispose();
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;

namespace ProactiveReissue.IntegrationTests.Infrastructure;

/// <summary>
/// The real WireMock 3.13.2 (npm package `wiremock`, Java 17) started as a process on a free loopback
/// port with mocks/ as its root; stubs added by tests go through its admin API.
/// </summary>
public sealed class WireMockProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _admin;

    private WireMockProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseUrl = $"http://127.0.0.1:{port}";
        _admin = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    public int Port { get; }

    public string BaseUrl { get; }

    public static async Task<WireMockProcess> StartAsync(string? rootDirectory = null)
    {
        var jar = Path.Combine(RepoPaths.Mocks, "node_modules", "wiremock", "build", "wiremock-standalone-3.13.2.jar");
        if (!File.Exists(jar))
        {
            throw new InvalidOperationException($"WireMock is not installed: run `npm ci` in {RepoPaths.Mocks} (the .ci/run script does).");
        }

        var port = FreePort.Next();
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "-Xmx1g", "-jar", jar, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind-address", "127.0.0.1",
            "--root-dir", rootDirectory ?? RepoPaths.Mocks, "--disable-banner", "--container-threads", "60",
            "--async-response-enabled", "true", "--async-response-threads", "20",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("java did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var wiremock = new WireMockProcess(process, port);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"WireMock exited with code {process.ExitCode}.");
            }

            try
            {
                using var response = await wiremock._admin.GetAsync("/__admin/health").ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return wiremock;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        await wiremock.DisposeAsync().ConfigureAwait(false);
        throw new TimeoutException("WireMock did not become healthy within 60 s.");
    }

    /// <summary>Adds a stub mapping (WireMock JSON) through the admin API and returns its id.</summary>
    public async Task<string> AddMappingAsync(string mappingJson)
    {
        using var content = new StringContent(mappingJson, Encoding.UTF8, "application/json");
        using var response = await _admin.PostAsync("/__admin/mappings", content).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return json.RootElement.GetProperty("id").GetString()!;
    }

    public async Task RemoveMappingAsync(string id)
    {
        using var response = await _admin.DeleteAsync("/__admin/mappings/" + id).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>(body, X-Message-Id) of every POST WireMock received at a URL path (server-side filtered), oldest first.</summary>
    public async Task<IReadOnlyList<(string Body, string? MessageId)>> FindAsync(string urlPath)
    {
        using var response = await _admin.PostAsJsonAsync("/__admin/requests/find", new { method = "POST", urlPath }).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return json.RootElement.GetProperty("requests").EnumerateArray()
            .Select(r => (
                r.GetProperty("body").GetString() ?? string.Empty,
                r.GetProperty("headers").TryGetProperty("X-Message-Id", out var h) ? h.GetString() : null))
            .ToList();
    }

    /// <summary>(status, body, headers) of every request WireMock received at a URL path, oldest first.</summary>
    public async Task<IReadOnlyList<(int Status, string Body, string? MessageId)>> ReceivedAsync(string urlPath)
    {
        using var response = await _admin.GetAsync("/__admin/requests?limit=100000").ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return json.RootElement.GetProperty("requests").EnumerateArray()
            .Where(r => r.GetProperty("request").GetProperty("url").GetString() == urlPath)
            .Select(r => (
                r.TryGetProperty("responseDefinition", out var d) && d.TryGetProperty("status", out var s) ? s.GetInt32() : 0,
                r.GetProperty("request").GetProperty("body").GetString() ?? string.Empty,
                r.GetProperty("request").GetProperty("headers").TryGetProperty("X-Message-Id", out var h) ? h.GetString() : null))
            .Reverse()
            .ToList();
    }

    /// <summary>Bodies of the POSTs WireMock received at a URL path, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ReceivedBodiesAsync(string urlPath)
    {
        using var response = await _admin.PostAsJsonAsync("/__admin/requests/find", new { method = "POST", urlPath }).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return json.RootElement.GetProperty("requests").EnumerateArray()
            .Select(r => r.GetProperty("body").GetString() ?? string.Empty)
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// The state systems for the load run, as their own process so their CPU is their own: the real WireMock
/// 3.13.2 (Java) over a temp root of catch-all stubs, or a small Kestrel server giving the same answers.
/// </summary>
public sealed class ReissueMockServer : IDisposable
{
    private readonly Process _process;

    private ReissueMockServer(Process process, string baseUrl, string kind)
    {
        _process = process;
        BaseUrl = baseUrl;
        Kind = kind;
    }

    public string BaseUrl { get; }

    public string Kind { get; }

    public int Pid => _process.Id;

    public static async Task<ReissueMockServer> StartWireMockAsync(string repoRoot, ReissueMockAnswers answers, string directory)
    {
        var jar = Path.Combine(repoRoot, "mocks", "node_modules", "wiremock", "build", "wiremock-standalone-3.13.2.jar");
        if (!File.Exists(jar))
        {
            throw new InvalidOperationException($"WireMock is not installed: run `npm ci` in {Path.Combine(repoRoot, "mocks")}.");
        }

        var root = Directory.CreateDirectory(Path.Combine(directory, "wiremock")).FullName;
        answers.WriteWireMockRoot(root);
        var port = FreePort();
        var start = new ProcessStartInfo("java") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            "-Xmx512m", "-jar", jar, "--port", port.ToString(CultureInfo.InvariantCulture), "--bind-address", "127.0.0.1", "--root-dir", root,
            "--disable-banner", "--no-request-journal", "--disable-request-logging", "--container-threads", "64", "--jetty-acceptor-threads", "2",
        })
        {
            start.ArgumentList.Add(a);
        }

        return await ReadyAsync(Process.Start(start)!, $"http://127.0.0.1:{port}", "WireMock 3.13.2", "/__admin/health");
    }

    public static async Task<ReissueMockServer> StartKestrelAsync(string benchmarkDll, string repoRoot)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { benchmarkDll, "reissue-mock", repoRoot, port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_gcServer"] = "0";
        return await ReadyAsync(Process.Start(start)!, $"http://127.0.0.1:{port}", "Kestrel mock", "/health");
    }

    /// <summary>The child process of <see cref="StartKestrelAsync"/>: serves the answers until killed.</summary>
    public static async Task<int> RunKestrelChildAsync(string repoRoot, int port)
    {
        var answers = ReissueMockAnswers.Load(repoRoot);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var requests = new System.Collections.Concurrent.ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        app.MapGet("/health", () => "ok");
        app.MapGet("/requests", () => string.Join(' ', requests.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}")));
        app.MapPost("/{system}", async (HttpContext context, string system) =>
        {
            if (!ReissueMockAnswers.Systems.Contains(system))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            requests.AddOrUpdate(system, 1, (_, n) => n + 1);

            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var answer = Encoding.UTF8.GetBytes(answers.Answer(system, await reader.ReadToEndAsync()));
            context.Response.ContentType = "text/xml; charset=utf-8";
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer);
        });
        await app.RunAsync();
        return 0;
    }

    /// <summary>CPU seconds (user + system) the process has used so far (/proc, 100 ticks/s).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public double CpuSeconds() => CpuSeconds(_process.Id);

    /// <summary>Requests served so far per system (the Kestrel mock counts them; WireMock runs without a journal: empty).</summary>
    public async Task<Dictionary<string, long>> RequestsAsync(HttpClient http)
    {
        if (Kind != "Kestrel mock")
        {
            return [];
        }

        var text = await http.GetStringAsync(BaseUrl + "/requests");
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static async Task<ReissueMockServer> ReadyAsync(Process process, string baseUrl, string kind, string healthPath)
    {
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("mock: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The {kind} exited with code {process.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(baseUrl + healthPath);
                if (response.IsSuccessStatusCode)
                {
                    return new ReissueMockServer(process, baseUrl, kind);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"The {kind} did not become ready.");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

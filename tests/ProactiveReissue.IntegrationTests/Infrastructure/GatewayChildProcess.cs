using System.Diagnostics;

namespace ProactiveReissue.IntegrationTests.Infrastructure;

/// <summary>The gateway as a separate OS process, so a test can kill it with SIGKILL and start it again.</summary>
public sealed class GatewayChildProcess : IDisposable
{
    private readonly Process _process;

    private GatewayChildProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<GatewayChildProcess> StartAsync(string settingsPath, int port)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ProactiveReissue.Gateway.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--settings", settingsPath, "--environment", "Testing", "--contentRoot", AppContext.BaseDirectory })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with code {process.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(baseUrl + "/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return new GatewayChildProcess(process, baseUrl);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The gateway did not become ready within 60 s.");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush; only what was fsynced survives.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }
}

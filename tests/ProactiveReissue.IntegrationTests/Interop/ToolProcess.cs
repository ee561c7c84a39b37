using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ProactiveReissue.IntegrationTests.Interop;

/// <summary>Runs an external tool as a process with a time limit, capturing stdout and stderr.</summary>
public static class ToolProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    public static async Task<ToolRun> RunAsync(string executable, IReadOnlyList<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Debian's /usr/bin/python3 must see its own site-packages, not those of a pyenv on PATH.
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        start.Environment["PYTHONIOENCODING"] = "utf-8";

        var command = executable + " " + string.Join(' ', arguments.Select(Quote));
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return new ToolRun(command, -1, string.Empty, $"could not start {executable}: {ex.Message}", TimedOut: false);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? DefaultTimeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return new ToolRun(command, timedOut ? -1 : process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), timedOut);
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=,+@%?".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

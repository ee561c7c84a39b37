using System.Text;

namespace ProactiveReissue.IntegrationTests.Interop;

/// <summary>What an external tool did: its command line, exit code and both output streams.</summary>
public sealed record ToolRun(string Command, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    /// <summary>stdout and stderr together (xmlsec1 reports "OK"/"FAIL" on stderr).</summary>
    public string AllOutput => StandardOutput + StandardError;

    /// <summary>The value of a `name=value` line the interop scripts print, or null.</summary>
    public string? Value(string name)
    {
        var prefix = name + "=";
        return StandardOutput.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .LastOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    /// <summary>Everything needed to understand a failed assertion without re-running the tool.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("$ ").AppendLine(Command);
        text.AppendLine(TimedOut ? "TIMED OUT (killed)" : "exit code: " + ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        text.AppendLine("--- stdout ---").AppendLine(StandardOutput.TrimEnd());
        text.AppendLine("--- stderr ---").AppendLine(StandardError.TrimEnd());
        return text.ToString();
    }
}

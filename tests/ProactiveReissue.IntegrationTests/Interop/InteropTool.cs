namespace ProactiveReissue.IntegrationTests.Interop;

/// <summary>
/// A tool from Debian that nobody here wrote: xmlsec1, or python3-zeep with python3-xmlsec under
/// Debian's /usr/bin/python3 (the python3 on PATH may be another interpreter without them).
/// Without the tool a test is skipped on a developer machine; with the CI variable set it fails.
/// </summary>
public sealed class InteropTool
{
    public const string XmlSec1Name = "xmlsec1";
    public const string ZeepName = "python3-zeep";

    private readonly Lazy<ToolRun> _probe;

    private InteropTool(string name, string executable, string[] probeArguments, string install)
    {
        Name = name;
        Executable = executable;
        Install = install;
        _probe = new Lazy<ToolRun>(() => Task.Run(() => ToolProcess.RunAsync(executable, probeArguments, TimeSpan.FromSeconds(30))).GetAwaiter().GetResult());
    }

    public static InteropTool XmlSec1 { get; } = new(XmlSec1Name, "xmlsec1", ["--version"], "apt-get install -y xmlsec1");

    public static InteropTool Zeep { get; } = new(ZeepName, "/usr/bin/python3",
        ["-c", "import zeep, xmlsec; print('zeep ' + zeep.__version__ + ', python3-xmlsec ' + xmlsec.__version__)"],
        "apt-get install -y python3-zeep python3-xmlsec");

    public static bool OnCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public string Name { get; }

    public string Executable { get; }

    public string Install { get; }

    public bool IsAvailable => _probe.Value.ExitCode == 0;

    /// <summary>The tool's own version line, e.g. "xmlsec1 1.2.37 (openssl)".</summary>
    public string Version => _probe.Value.StandardOutput.Trim();

    /// <summary>Why a test is skipped, or null: never skipped on CI, where a missing tool must fail.</summary>
    public string? SkipReason => IsAvailable || OnCi
        ? null
        : $"{Name} is not installed ({Install}); skipped because the CI environment variable is not set. On CI this test fails instead.";

    public static InteropTool ByName(string name) => name switch
    {
        XmlSec1Name => XmlSec1,
        ZeepName => Zeep,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown interop tool"),
    };

    /// <summary>Fails the test with the probe's output when the tool is missing (reached on CI only).</summary>
    public void EnsureAvailable()
    {
        Assert.True(IsAvailable, $"{Name} is required by this test ({Install}); it is missing or broken:\n{_probe.Value}");
    }
}

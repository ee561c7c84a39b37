namespace ProactiveReissue.IntegrationTests.Interop;

/// <summary>A theory that needs an external tool: skipped with the reason when it is missing, unless CI is set.</summary>
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    public ToolTheoryAttribute(string tool)
    {
        Skip = InteropTool.ByName(tool).SkipReason;
    }
}

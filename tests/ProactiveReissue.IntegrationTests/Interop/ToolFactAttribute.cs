namespace ProactiveReissue.IntegrationTests.Interop;

/// <summary>A fact that needs an external tool: skipped with the reason when it is missing, unless CI is set.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string tool)
    {
        Skip = InteropTool.ByName(tool).SkipReason;
    }
}

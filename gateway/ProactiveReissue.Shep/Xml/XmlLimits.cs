namespace ProactiveReissue.Shep.Xml;

/// <summary>Bounds on what the parser accepts before it builds a DOM.</summary>
public sealed record XmlLimits(int MaxDepth = 64, long MaxCharacters = 16 * 1024 * 1024)
{
    public static XmlLimits Default { get; } = new();
}

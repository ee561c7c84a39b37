using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.Sdu;

/// <summary>Settings of the Sdu adapter, section <c>Adapters:Sdu</c>.</summary>
public sealed class SduOptions : AdapterOptions
{
    public const string SectionName = AdapterConstants.SectionPrefix + ":Sdu";
}

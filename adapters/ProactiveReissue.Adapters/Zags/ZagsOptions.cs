using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.Zags;

/// <summary>Settings of the Zags adapter, section <c>Adapters:Zags</c>.</summary>
public sealed class ZagsOptions : AdapterOptions
{
    public const string SectionName = AdapterConstants.SectionPrefix + ":Zags";
}

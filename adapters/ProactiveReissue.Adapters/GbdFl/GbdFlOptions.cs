using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.GbdFl;

/// <summary>Settings of the GbdFl adapter, section <c>Adapters:GbdFl</c>.</summary>
public sealed class GbdFlOptions : CachedAdapterOptions
{
    public const string SectionName = AdapterConstants.SectionPrefix + ":GbdFl";
}

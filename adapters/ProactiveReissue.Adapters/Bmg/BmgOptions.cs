using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.Bmg;

/// <summary>Settings of the Bmg adapter, section <c>Adapters:Bmg</c>.</summary>
public sealed class BmgOptions : AdapterOptions
{
    public const string SectionName = AdapterConstants.SectionPrefix + ":Bmg";
}

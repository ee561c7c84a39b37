using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.GbdUl;

/// <summary>Settings of the GbdUl adapter, section <c>Adapters:GbdUl</c>.</summary>
public sealed class GbdUlOptions : CachedAdapterOptions
{
    public const string SectionName = AdapterConstants.SectionPrefix + ":GbdUl";

    /// <summary>RequestorBIN of GbdulInfoByBin_v2 requests: the BIN of the organisation that asks.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.DataAnnotations.RegularExpression("^[0-9]{12}$")]
    public string RequestorBin { get; set; } = string.Empty;
}

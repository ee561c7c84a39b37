using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.Adapters.Kdp;

/// <summary>Settings of the Kdp adapter, section <c>Adapters:Kdp</c>.</summary>
public sealed class KdpOptions : AdapterOptions
{
    public const string SectionName = AdapterConstants.SectionPrefix + ":Kdp";

    /// <summary>BIN of the organisation asking for consent (requestorBin).</summary>
    [System.ComponentModel.DataAnnotations.Required]
    [System.ComponentModel.DataAnnotations.RegularExpression("^[0-9]{12}$")]
    public string RequestorBin { get; set; } = string.Empty;
}

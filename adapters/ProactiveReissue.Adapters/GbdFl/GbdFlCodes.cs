namespace ProactiveReissue.Adapters.GbdFl;

/// <summary>Values GBD FL answers with (docs/adapters.md, "GBD FL").</summary>
public static class GbdFlCodes
{
    public const string ServiceId = "GBDFL_UniversalServiceSync";

    /// <summary>responseCode of a found person.</summary>
    public const string Success = "00000";

    /// <summary>responseCode when no person has the IIN.</summary>
    public const string NotFound = "00002";

    /// <summary>lifeStatus/code of a dead person.</summary>
    public const string Dead = "DEAD";

    /// <summary>personCapableStatus/code of a person with full legal capacity.</summary>
    public const string Capable = "CAPABLE";

    /// <summary>regAddress/country/code of Kazakhstan.</summary>
    public const string Kazakhstan = "KZ";
}

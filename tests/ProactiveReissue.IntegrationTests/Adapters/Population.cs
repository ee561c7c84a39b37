namespace ProactiveReissue.IntegrationTests.Adapters;

/// <summary>The synthetic population of mocks/mappings (every IIN/BIN passes the check digit; see mocks/README.md).</summary>
public static class Population
{
    public const string CleanHead = "850312300012";
    public const string DeadHead = "620704300026";
    public const string ZagsDeadHead = "580921300036";
    public const string MissingHead = "790115300048";
    public const string AbroadHead = "880530400061";
    public const string IncapableHead = "700203300068";
    public const string PrisonHead = "910817300071";
    public const string ReleasedHead = "830611300084";
    public const string NoPhoneHead = "950228400093";
    public const string FutureReleaseHead = "870909300100";

    public const string NotFoundIin = "990101300905";
    public const string FaultIin = "990101300915";
    public const string SlowIin = "990101300925";
    public const string ResetIin = "990101300935";
    public const string EmptyIin = "990101300945";
    public const string UnavailableIin = "990101300955";

    public const string KdpInvalid = "990101300806";
    public const string KdpPending = "990101300816";
    public const string KdpTimeout = "990101300826";
    public const string KdpError = "990101300836";

    /// <summary>Renamed, eco permit category I, clean head with a phone.</summary>
    public const string RenamedWithPermit = "180540001000";

    /// <summary>Renamed, two permits (trusted software and eco I), head without a phone.</summary>
    public const string RenamedTwoPermits = "180540001080";

    /// <summary>Not renamed, with a permit.</summary>
    public const string NotRenamed = "180540001090";

    /// <summary>Renamed, no permits.</summary>
    public const string RenamedNoPermits = "180540001106";

    /// <summary>Not in GBD UL.</summary>
    public const string UnknownBin = "180540009998";

    public const string ReissueRequestId = "7f3c2a10-0000-4000-8000-0000000000a1";
    public const string SmsDeliveryId = "SMS-7f3c2a10-0000-4000-8000-0000000000b1";
}

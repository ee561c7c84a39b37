namespace ProactiveReissue.Adapters.Shep;

/// <summary>Defaults of the adapter settings, in one place.</summary>
public static class AdapterConstants
{
    public const string SectionPrefix = "Adapters";
    public const int DefaultTimeoutMs = 10_000;
    public const string DefaultSenderId = "proactive-reissue";
    public const int DefaultRetryCount = 2;
    public const int DefaultRetryDelayMs = 200;
    public const double DefaultBreakerFailureRatio = 0.5;
    public const int DefaultBreakerMinimumThroughput = 10;
    public const int DefaultBreakerSamplingMs = 30_000;
    public const int DefaultBreakerBreakMs = 30_000;
    public const int DefaultClockSkewSeconds = 300;
    public const int DefaultCacheMinutes = 60;
}

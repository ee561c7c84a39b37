using System.ComponentModel.DataAnnotations;

namespace ProactiveReissue.Adapters.Shep;

/// <summary>
/// Settings every adapter has. Bound from <c>Adapters:&lt;System&gt;</c> and validated at start by
/// <see cref="AdapterOptionsValidator{TOptions}"/>: a wrong setting stops the host with a sentence naming it.
/// </summary>
public abstract class AdapterOptions
{
    /// <summary>Absolute http(s) URL the SendMessage is posted to.</summary>
    [Required]
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>Timeout of one attempt.</summary>
    [Range(1, 600_000)]
    public int TimeoutMs { get; set; } = AdapterConstants.DefaultTimeoutMs;

    /// <summary>senderId in requestInfo.</summary>
    [Required]
    public string SenderId { get; set; } = AdapterConstants.DefaultSenderId;

    /// <summary>sender/password in requestInfo (optional).</summary>
    public string? SenderPassword { get; set; }

    /// <summary>PKCS#12 file with the gateway's signing certificate and key (WS-Security and business-data signatures).</summary>
    [Required]
    public string SigningCertificatePath { get; set; } = string.Empty;

    public string? SigningCertificatePassword { get; set; }

    /// <summary>When true, the answer must carry a WS-Security signature made with <see cref="PeerCertificatePath"/>.</summary>
    public bool VerifyAnswerSignature { get; set; }

    /// <summary>PEM or DER certificate of the peer; required when <see cref="VerifyAnswerSignature"/> is on.</summary>
    public string? PeerCertificatePath { get; set; }

    /// <summary>Retries of a read or an idempotent write after a transport failure (never of other writes).</summary>
    [Range(0, 10)]
    public int RetryCount { get; set; } = AdapterConstants.DefaultRetryCount;

    [Range(1, 60_000)]
    public int RetryDelayMs { get; set; } = AdapterConstants.DefaultRetryDelayMs;

    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = AdapterConstants.DefaultBreakerFailureRatio;

    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = AdapterConstants.DefaultBreakerMinimumThroughput;

    [Range(500, 3_600_000)]
    public int BreakerSamplingMs { get; set; } = AdapterConstants.DefaultBreakerSamplingMs;

    [Range(500, 3_600_000)]
    public int BreakerBreakMs { get; set; } = AdapterConstants.DefaultBreakerBreakMs;

    /// <summary>Tolerance on the answer's WS-Security timestamp.</summary>
    [Range(0, 3600)]
    public int ClockSkewSeconds { get; set; } = AdapterConstants.DefaultClockSkewSeconds;

    public TimeSpan Timeout => TimeSpan.FromMilliseconds(TimeoutMs);
}

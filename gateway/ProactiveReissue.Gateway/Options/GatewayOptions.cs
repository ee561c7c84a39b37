using System.ComponentModel.DataAnnotations;

namespace ProactiveReissue.Gateway.Options;

/// <summary>Everything a deployer sets, under the "Gateway" section. Validated at start.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    [Required]
    public PkiOptions Pki { get; set; } = new();

    [Required]
    public SigningOptions Signing { get; set; } = new();

    [Required]
    public TrustOptions Trust { get; set; } = new();

    public List<ParticipantOptions> Participants { get; set; } = [];

    public List<ServiceOptions> Services { get; set; } = [];

    [Required]
    public StoreOptions Store { get; set; } = new();

    [Required]
    public LimitOptions Limits { get; set; } = new();

    [Required]
    public SecurityOptions Security { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    [Required]
    public QueueOptions Queue { get; set; } = new();

    public MonitoringOptions Monitoring { get; set; } = new();
}

/// <summary>Where statuses for the public-service monitoring system go.</summary>
public sealed class MonitoringOptions
{
    /// <summary>The participant (senderId) of the monitoring system; it must have a PushUrl to receive pushes.</summary>
    public string? Recipient { get; set; }

    /// <summary>The serviceId the statuses travel under.</summary>
    public string ServiceId { get; set; } = "MONITORING_STATUS";
}

/// <summary>The durable outbound queue and its delivery worker.</summary>
public sealed class QueueOptions
{
    /// <summary>
    /// sqlite (one gateway, an embedded file) or redis (several gateways share one queue). Unset, the queue
    /// follows Gateway:Store:Provider; set, it overrides it (sqlite is refused when the store is redis).
    /// </summary>
    [RegularExpression("^(sqlite|redis)$", ErrorMessage = "Gateway:Queue:Store must be sqlite or redis.")]
    public string? Store { get; set; }

    /// <summary>SQLite file of the queue (WAL, synchronous=FULL, group commit).</summary>
    public string SqlitePath { get; set; } = "data/queue.db";

    /// <summary>With Store=redis: the Redis server (deploy/redis/redis.conf: AOF, appendfsync always). Unset, Gateway:Store:Redis.</summary>
    public ProactiveReissue.Queue.Redis.Resp.RedisConnectionOptions? Redis { get; set; }

    /// <summary>With Store=redis: the name under which the queue's keys live (q:{name}:…).</summary>
    public string RedisQueueName { get; set; } = "outbox";

    /// <summary>Undelivered messages beyond which enqueue fails fast (SCE040).</summary>
    [Range(1, long.MaxValue)]
    public long MaxBacklog { get; set; } = 2_000_000;

    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 64;

    [Range(1, 100_000)]
    public int MaxAttempts { get; set; } = 100;

    [Range(1, 525_600)]
    public int MaxAgeMinutes { get; set; } = 3 * 24 * 60;

    [Range(1, 3_600_000)]
    public int BaseDelayMs { get; set; } = 1000;

    [Range(1, 86_400_000)]
    public int MaxDelayMs { get; set; } = 300_000;

    [Range(100, 600_000)]
    public int AttemptTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// How long a leased message stays reserved for the instance that leased it. If that instance dies
    /// (SIGKILL, host lost), another instance sharing the Redis queue leases the message again once this
    /// runs out. Keep it well above AttemptTimeoutMs.
    /// </summary>
    [Range(1000, 3_600_000)]
    public int LeaseMs { get; set; } = 120_000;

    [Range(1, 1000)]
    public int BreakerFailures { get; set; } = 5;

    [Range(1, 3_600_000)]
    public int BreakerPauseMs { get; set; } = 5000;

    /// <summary>Run the delivery worker in this instance.</summary>
    public bool DeliveryEnabled { get; set; } = true;
}

/// <summary>The developer PKI: where it lives and whether the gateway makes it on first run.</summary>
public sealed class PkiOptions
{
    public string Directory { get; set; } = ".devpki";

    /// <summary>Make the developer CA, certificates and CRL on first run if the directory is empty.</summary>
    public bool AutoCreate { get; set; }

    /// <summary>The WireMock root into which signed provider answers are written (mappings/generated).</summary>
    public string? MocksDirectory { get; set; }
}

public sealed class SigningOptions
{
    /// <summary>PKCS#12 file with the gateway's certificate and private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

public sealed class TrustOptions
{
    /// <summary>PEM or DER files of trusted root certificates.</summary>
    public List<string> RootCertificates { get; set; } = [];

    public List<string> IntermediateCertificates { get; set; } = [];

    /// <summary>PEM or DER CRL files, reloaded at start.</summary>
    public List<string> Crls { get; set; } = [];
}

public sealed class ParticipantOptions
{
    [Required]
    public string SenderId { get; set; } = string.Empty;

    /// <summary>pbkdf2-sha256$iterations$salt$hash, made by `ProactiveReissue.Gateway hash-password`.</summary>
    [Required]
    public string PasswordHash { get; set; } = string.Empty;

    /// <summary>IIN in the signer's certificate (SERIALNUMBER=IIN…), if the participant is bound to a person.</summary>
    public string? Iin { get; set; }

    /// <summary>BIN in the signer's certificate (OU=BIN…), if the participant is an organisation.</summary>
    public string? Bin { get; set; }

    public List<string> Services { get; set; } = [];

    /// <summary>Optional certificate file, needed when the participant signs with the X509IssuerSerial KeyInfo form.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The participant's IAsyncChannelClient endpoint: async messages and status changes are pushed there. Without it, the participant pulls with getMessages.</summary>
    public string? PushUrl { get; set; }
}

public sealed class ServiceOptions
{
    [Required]
    public string ServiceId { get; set; } = string.Empty;

    /// <summary>Synchronous provider endpoint. A service may have it, a <see cref="Recipient"/>, or both.</summary>
    public string? ProviderUrl { get; set; }

    /// <summary>The provider's certificate (PEM/DER): its answers must be signed with exactly this one.</summary>
    public string? ProviderCertificatePath { get; set; }

    /// <summary>The participant (senderId) that asynchronous REQUEST messages for this service are addressed to.</summary>
    public string? Recipient { get; set; }

    [Range(100, 600_000)]
    public int TimeoutMs { get; set; } = 10_000;

    public bool RequireBusinessSignature { get; set; }

    /// <summary>Only an idempotent service may be retried on a transport failure.</summary>
    public bool Idempotent { get; set; }

    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(1, 3600)]
    public int BreakerBreakSeconds { get; set; } = 30;
}

/// <summary>Where the gateway keeps what it must not lose: one instance on SQLite files, or several instances sharing one Redis (docs/distributed.md).</summary>
public sealed class StoreOptions
{
    public const string Sqlite = "sqlite";
    public const string RedisProvider = "redis";

    /// <summary>sqlite (default) or redis: journal, replay window, cases, timers, leases, adapter cache and async messages in Redis.</summary>
    [RegularExpression("^(sqlite|redis)$", ErrorMessage = "Gateway:Store:Provider must be sqlite or redis.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>With Provider=redis: the Redis server every instance shares.</summary>
    public ProactiveReissue.Queue.Redis.Resp.RedisConnectionOptions? Redis { get; set; }

    /// <summary>With Provider=redis: the first part of every key (pr:{journal}:…, pr:{cases}:…); two deployments on one Redis need two prefixes.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]{1,32}$", ErrorMessage = "Gateway:Store:KeyPrefix must be 1–32 letters, digits, '_', '.' or '-'.")]
    public string KeyPrefix { get; set; } = "pr";

    /// <summary>With Provider=redis: journal entries expire after this many days (bounded memory; export them before if an auditor needs longer).</summary>
    [Range(1, 3650)]
    public int JournalRetentionDays { get; set; } = 30;

    /// <summary>How long one instance holds a case while it runs a step; renewed before each step, freed at the end.</summary>
    [Range(5, 3600)]
    public int CaseLeaseSeconds { get; set; } = 120;

    public bool IsRedis => Provider == RedisProvider;

    public string SqlitePath { get; set; } = "data/gateway.db";

    /// <summary>SQLite file of the asynchronous channel's messages and their delivery states.</summary>
    public string AsyncSqlitePath { get; set; } = "data/async.db";
}

public sealed class LimitOptions
{
    [Range(1024, 512L * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    [Range(8, 1024)]
    public int MaxXmlDepth { get; set; } = 64;
}

public sealed class SecurityOptions
{
    [Range(0, 3600)]
    public int ClockSkewSeconds { get; set; } = 300;

    /// <summary>A messageId seen again from the same sender within this window is a replay.</summary>
    [Range(1, 525_600)]
    public int ReplayWindowMinutes { get; set; } = 1440;
}

public sealed class AdminOptions
{
    /// <summary>If set, admin endpoints require the header X-Admin-Key with this value.</summary>
    public string? ApiKey { get; set; }
}

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
}

public sealed class ServiceOptions
{
    [Required]
    public string ServiceId { get; set; } = string.Empty;

    [Required]
    public string ProviderUrl { get; set; } = string.Empty;

    /// <summary>The provider's certificate (PEM/DER): its answers must be signed with exactly this one.</summary>
    [Required]
    public string ProviderCertificatePath { get; set; } = string.Empty;

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

public sealed class StoreOptions
{
    /// <summary>sqlite (default). redis comes with distributed mode.</summary>
    public string Provider { get; set; } = "sqlite";

    public string SqlitePath { get; set; } = "data/gateway.db";
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

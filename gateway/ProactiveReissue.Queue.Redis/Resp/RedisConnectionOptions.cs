namespace ProactiveReissue.Queue.Redis.Resp;

/// <summary>Where Redis is and how to talk to it.</summary>
public sealed class RedisConnectionOptions
{
    public const string SectionName = "Queue:Redis";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 6379;

    /// <summary>ACL user (Redis 6+); null for the default user.</summary>
    public string? User { get; set; }

    /// <summary>AUTH password; null when the server has none.</summary>
    public string? Password { get; set; }

    public bool UseTls { get; set; }

    /// <summary>Name checked against the server certificate; defaults to <see cref="Host"/>.</summary>
    public string? TlsHost { get; set; }

    /// <summary>Multiplexed connections; each carries many pipelined commands.</summary>
    public int PoolSize { get; set; } = 2;

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A reply later than this fails the command and drops the connection (replies would be out of step).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait after a failed connect; doubles up to <see cref="ReconnectMaxBackoff"/>. Commands fail fast meanwhile.</summary>
    public TimeSpan ReconnectMinBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectMaxBackoff { get; set; } = TimeSpan.FromSeconds(5);
}

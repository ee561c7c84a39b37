using Microsoft.Extensions.Logging;

namespace ProactiveReissue.Adapters.Shep;

/// <summary>Log messages of the adapters (event ids 4000–4099).</summary>
internal static partial class AdapterLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Adapter call {ServiceId} {MessageId} answered {Outcome}")]
    public static partial void Answered(ILogger logger, string serviceId, string messageId, AdapterOutcomeKind outcome);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Adapter call {ServiceId} {MessageId} failed: {Code} {Detail}")]
    public static partial void Failed(ILogger logger, string serviceId, string messageId, string? code, string? detail);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Adapter cache hit {Key}")]
    public static partial void CacheHit(ILogger logger, string key);
}

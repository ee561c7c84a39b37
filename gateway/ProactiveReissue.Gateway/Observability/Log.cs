using Microsoft.Extensions.Logging;

namespace ProactiveReissue.Gateway.Observability;

/// <summary>Source-generated log messages with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Gateway listening; {Participants} participants, {Services} services, store {Store}")]
    public static partial void Started(ILogger logger, int participants, int services, string store);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "SendMessage {Channel} answered {StatusCode} in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, string channel, string statusCode, long elapsedMs);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "SendMessage {Channel} refused with {FaultCode}: {Detail}")]
    public static partial void Refused(ILogger logger, string channel, string faultCode, string detail);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "SendMessage {Channel} failed inside the gateway")]
    public static partial void Failed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Re-queued {Count} asynchronous messages still ON_DELIVERY after a restart")]
    public static partial void Requeued(ILogger logger, int count);

    [LoggerMessage(EventId = 1400, Level = LogLevel.Error, Message = "The reissue coordinator failed while running due cases; it tries again at the next tick")]
    public static partial void CoordinatorFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "The queue's store failed under the delivery worker: {Reason}; retrying")]
    public static partial void QueueStoreFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Developer PKI created in {Directory}: for local runs only")]
    public static partial void DevPkiCreated(ILogger logger, string directory);
}

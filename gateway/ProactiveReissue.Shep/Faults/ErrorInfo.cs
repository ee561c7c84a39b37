namespace ProactiveReissue.Shep.Faults;

/// <summary>The bus's ErrorInfo: errorCode, errorMessage, errorData?, errorDate, subError?, sessionId?.</summary>
public sealed record ErrorInfo(
    string ErrorCode,
    string ErrorMessage,
    DateTimeOffset ErrorDate,
    string? ErrorData = null,
    ErrorInfo? SubError = null,
    string? SessionId = null);

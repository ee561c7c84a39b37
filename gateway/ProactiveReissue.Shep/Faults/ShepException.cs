namespace ProactiveReissue.Shep.Faults;

/// <summary>
/// The one coded exception of the gateway: a catalogue entry plus a sentence naming what was wrong
/// (goes to errorData), and, for provider faults, the provider's own ErrorInfo.
/// </summary>
public sealed class ShepException : Exception
{
    public ShepException(ShepFault fault, string detail, ErrorInfo? subError = null, Exception? inner = null)
        : base($"{fault.Code}: {detail}", inner)
    {
        Fault = fault;
        Detail = detail;
        SubError = subError;
    }

    public ShepFault Fault { get; }

    public string Detail { get; }

    public ErrorInfo? SubError { get; }
}

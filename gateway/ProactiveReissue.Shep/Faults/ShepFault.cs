namespace ProactiveReissue.Shep.Faults;

/// <summary>One entry of the fault catalogue: a stable code, its HTTP status for the REST twin, and its text.</summary>
/// <param name="Code">The errorCode put on the wire (SOAP faultcode and ErrorInfo/errorCode).</param>
/// <param name="HttpStatus">Status of the RFC 9457 problem for the REST twin.</param>
/// <param name="MessageRu">Russian text.</param>
/// <param name="MessageEn">English text.</param>
public sealed record ShepFault(string Code, int HttpStatus, string MessageRu, string MessageEn)
{
    /// <summary>The errorMessage on the wire: English, then Russian.</summary>
    public string Message => $"{MessageEn} / {MessageRu}";
}

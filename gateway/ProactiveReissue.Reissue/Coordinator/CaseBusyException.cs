namespace ProactiveReissue.Reissue.Coordinator;

/// <summary>
/// A reply could not take its case: another instance held the case's lease for the whole wait. Nothing was
/// recorded for the reply; the sender may send it again.
/// </summary>
public sealed class CaseBusyException : TimeoutException
{
    public CaseBusyException(string message)
        : base(message)
    {
    }

    public CaseBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CaseBusyException()
    {
    }
}

namespace ProactiveReissue.Shep.Envelope;

/// <summary>Status codes of the sync channel.</summary>
public static class SyncStatus
{
    public const string Success = "SCSS001";
    public const string SuccessMessage = "Message has been processed successfully";
    public const string Failure = "SCSE001";
}

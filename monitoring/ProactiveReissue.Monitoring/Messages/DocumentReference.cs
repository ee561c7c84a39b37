namespace ProactiveReissue.Monitoring.Messages;

/// <summary>A pointer to a document by type, number and date; the optional SHA-256 pins its content.</summary>
public sealed record DocumentReference(string DocumentType, string DocumentNumber, DateOnly DocumentDate)
{
    public Party? Issuer { get; init; }

    /// <summary>32 bytes of SHA-256 (see <c>DocumentHash</c>), or null.</summary>
    public byte[]? Sha256 { get; init; }
}

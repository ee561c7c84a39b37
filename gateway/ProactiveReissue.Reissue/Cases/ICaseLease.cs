namespace ProactiveReissue.Reissue.Cases;

/// <summary>
/// Makes one case step run on one instance at a time: an instance runs a case only while it holds the
/// case's lease. In-process (<see cref="LocalCaseLease"/>) with one gateway; in Redis (SET NX PX with an
/// owner token) when several instances share the case store.
/// </summary>
public interface ICaseLease
{
    /// <summary>The lease on the case, or null when another holder has it.</summary>
    Task<ICaseLeaseHandle?> TryAcquireAsync(string caseId, CancellationToken cancellationToken);
}

/// <summary>A held lease. Disposing releases it (only if still ours).</summary>
public interface ICaseLeaseHandle : IAsyncDisposable
{
    /// <summary>Renews the lease before the next step; false if it was lost (expired and taken), and the holder must stop.</summary>
    Task<bool> ExtendAsync(CancellationToken cancellationToken);
}

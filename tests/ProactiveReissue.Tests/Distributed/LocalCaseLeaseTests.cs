using ProactiveReissue.Reissue.Cases;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>The lease contract in one process: the timer loop and a reply share one <see cref="LocalCaseLease"/>.</summary>
public sealed class LocalCaseLeaseTests : CaseLeaseContract
{
    protected override (ICaseLease First, ICaseLease Second) CreatePair()
    {
        var lease = new LocalCaseLease();
        return (lease, lease);
    }
}

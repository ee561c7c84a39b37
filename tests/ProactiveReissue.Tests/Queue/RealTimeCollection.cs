namespace ProactiveReissue.Tests.Queue;

/// <summary>
/// Tests that measure real time against a lease: they run on their own, after the parallel ones, so that no other
/// test's load (thread-pool starvation while RSA keys are made, SQLite fsyncs) stalls their timers for a second.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeCollection
{
    public const string Name = "real time";
}

using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// What a timed phase of the queue benchmark cost besides its wall time, per message: user and system CPU,
/// context switches (voluntary: a thread went to sleep; involuntary: it was preempted), thread-pool work items,
/// lock contentions, bytes allocated, GCs, and the JIT's work (methods compiled, time spent compiling). A
/// diagnostic on stderr, for telling apart the causes of a slower phase; getrusage counts the threads that
/// have already ended too.
/// </summary>
public readonly record struct QueuePhaseStats(
    double UserUs, double SystemUs, long Voluntary, long Involuntary, long WorkItems, long Contentions,
    long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long JitMethods, TimeSpan JitTime,
    long ReadCalls, long WriteCalls, long ReadBytes, long WriteBytes)
{
    public static QueuePhaseStats Now()
    {
        var usage = new long[18];
        _ = GetRUsage(0, usage); // RUSAGE_SELF; on failure the CPU and switch figures read 0
        return new QueuePhaseStats(
            usage[0] * 1e6 + usage[1], usage[2] * 1e6 + usage[3], usage[16], usage[17],
            ThreadPool.CompletedWorkItemCount, Monitor.LockContentionCount, GC.GetTotalAllocatedBytes(precise: false),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
            JitInfo.GetCompiledMethodCount(currentThread: false), JitInfo.GetCompilationTime(currentThread: false),
            Io("syscr"), Io("syscw"), Io("rchar"), Io("wchar"));
    }

    /// <summary>A counter of /proc/self/io: read and write calls (sockets included) and the bytes they moved.</summary>
    private static long Io(string name)
    {
        foreach (var line in File.ReadLines("/proc/self/io"))
        {
            if (line.StartsWith(name + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(name.Length + 1), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>What happened since this snapshot, per message (the JIT and GC figures as totals).</summary>
    public string Since(int messages)
    {
        var start = this;
        var end = Now();
        double Per(double value) => value / messages;
        return string.Create(CultureInfo.InvariantCulture,
            $"user {Per(end.UserUs - start.UserUs):0.0} + sys {Per(end.SystemUs - start.SystemUs):0.0} µs/msg; ctx switches {Per(end.Voluntary - start.Voluntary):0.00} vol + {Per(end.Involuntary - start.Involuntary):0.00} invol /msg; " +
            $"pool items {Per(end.WorkItems - start.WorkItems):0.00}/msg; contentions {end.Contentions - start.Contentions}; alloc {Per(end.Allocated - start.Allocated):0} B/msg; " +
            $"GCs {end.Gen0 - start.Gen0}/{end.Gen1 - start.Gen1}/{end.Gen2 - start.Gen2}, paused {(end.GcPause - start.GcPause).TotalMilliseconds:0} ms; pool threads {ThreadPool.ThreadCount}; " +
            $"read/write calls {Per(end.ReadCalls - start.ReadCalls):0.00}/{Per(end.WriteCalls - start.WriteCalls):0.00} per msg, {Per(end.ReadBytes - start.ReadBytes):0}/{Per(end.WriteBytes - start.WriteBytes):0} B/msg; JIT {end.JitMethods - start.JitMethods} methods, {(end.JitTime - start.JitTime).TotalMilliseconds:0} ms");
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, [Out] long[] usage);
}

using System.Globalization;
using System.Text;

namespace ProactiveReissue.Gateway.Observability;

/// <summary>
/// The .NET runtime's own counters in the Prometheus text format, appended to /metrics: collections by
/// generation, bytes allocated, time paused for collections, heap size, thread-pool threads and the
/// work items completed, and the JIT's methods and time. They tell an operator (and the load runs) what the garbage collector costs.
/// </summary>
public static class RuntimeMetrics
{
    public static void Render(StringBuilder text)
    {
        text.Append("# HELP dotnet_gc_collections_total Garbage collections, by generation (a gen 1 collection also counts in gen 0).\n# TYPE dotnet_gc_collections_total counter\n");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            text.Append(CultureInfo.InvariantCulture, $"dotnet_gc_collections_total{{generation=\"{generation}\"}} {GC.CollectionCount(generation)}\n");
        }

        var info = GC.GetGCMemoryInfo(GCKind.Any);
        Counter(text, "dotnet_gc_allocated_bytes_total", "Bytes allocated on the managed heap since the start.", GC.GetTotalAllocatedBytes());
        Counter(text, "dotnet_gc_pause_seconds_total", "Time the process was paused for garbage collections.", GC.GetTotalPauseDuration().TotalSeconds);
        Gauge(text, "dotnet_gc_heap_size_bytes", "Managed heap size after the last collection.", info.HeapSizeBytes);
        Gauge(text, "dotnet_gc_promoted_bytes", "Bytes that survived the last collection.", info.PromotedBytes);
        Gauge(text, "dotnet_threadpool_threads", "Thread-pool threads.", ThreadPool.ThreadCount);
        Counter(text, "dotnet_threadpool_completed_items_total", "Work items the thread pool has completed.", ThreadPool.CompletedWorkItemCount);
        Counter(text, "dotnet_lock_contentions_total", "Times a thread waited for a monitor lock held by another.", Monitor.LockContentionCount);
        Counter(text, "dotnet_jit_compiled_methods_total", "Methods the JIT has compiled (tier-ups included): it keeps rising while the process warms up.", System.Runtime.JitInfo.GetCompiledMethodCount());
        Counter(text, "dotnet_jit_compilation_seconds_total", "Time spent in the JIT, on every thread.", System.Runtime.JitInfo.GetCompilationTime().TotalSeconds);
    }

    private static void Counter(StringBuilder text, string name, string help, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");

    private static void Counter(StringBuilder text, string name, string help, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");

    private static void Gauge(StringBuilder text, string name, string help, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");
}

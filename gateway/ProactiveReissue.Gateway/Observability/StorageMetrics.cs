using System.Globalization;
using System.Text;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Gateway.Storage;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Sqlite;

namespace ProactiveReissue.Gateway.Observability;

/// <summary>
/// The SQLite files' durability work in the Prometheus text format, appended to /metrics (absent with Redis), by file:
/// journal, async (the asynchronous channel's messages) and queue; and the outbound queue's backlog. The WAL sync times
/// are the disk's latency as every acknowledged commit waits for it; the restart hold is the time commits waited while
/// the WAL started over.
/// </summary>
public static class StorageMetrics
{
    private static readonly (string Name, string Type, string Help, Func<SqliteFileStats, double> Value)[] Series =
    [
        ("sqlite_checkpoints_total", "counter", "Copies of the WAL into the database.", s => s.Checkpoints),
        ("sqlite_wal_restarts_total", "counter", "Copies made holding the write lock so that the WAL starts over.", s => s.WalRestarts),
        ("sqlite_wal_restart_hold_seconds_total", "counter", "Time every commit waited for those copies.", s => s.WalRestartHold.TotalSeconds),
        ("sqlite_sync_failed", "gauge", "1 once a sync of the file failed (the instance is then not ready).", s => s.Failed ? 1 : 0),
    ];

    /// <summary>The outbound queue's backlog (messages accepted and not yet delivered), when its store answers.</summary>
    public static async Task<long?> BacklogAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            return services.GetService<IQueueStore>() is { } queue ? await queue.BacklogAsync(cancellationToken).ConfigureAwait(false) : null;
        }
        catch (QueueUnavailableException)
        {
            return null; // /health/ready says why
        }
    }

    public static void Render(StringBuilder text, IServiceProvider services, long? backlog)
    {
        if (backlog is { } undelivered)
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP queue_backlog Messages in the outbound queue not yet delivered (dead letters excluded).\n# TYPE queue_backlog gauge\nqueue_backlog {undelivered}\n");
        }

        var files = new List<(string File, SqliteFileStats Stats)>(3);
        if (services.GetService<IMessageJournal>() is SqliteMessageJournal journal)
        {
            files.Add(("journal", journal.Stats));
        }

        if (services.GetService<SqliteWriter>() is { } async)
        {
            files.Add(("async", async.Stats));
        }

        if (services.GetService<IQueueStore>() is SqliteQueueStore queue)
        {
            files.Add(("queue", queue.Stats));
        }

        if (files.Count == 0)
        {
            return;
        }

        text.Append("# HELP sqlite_wal_sync_seconds fdatasyncs of the WAL that made commits durable, by the time they took (every commit waiting for one waits that long).\n# TYPE sqlite_wal_sync_seconds histogram\n");
        foreach (var (file, stats) in files)
        {
            long cumulative = 0;
            for (var i = 0; i < stats.WalSyncBuckets.Length; i++)
            {
                cumulative += stats.WalSyncBuckets[i];
                var le = i < SyncHistogram.Bounds.Length ? SyncHistogram.Bounds[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
                text.Append(CultureInfo.InvariantCulture, $"sqlite_wal_sync_seconds_bucket{{file=\"{file}\",le=\"{le}\"}} {cumulative}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"sqlite_wal_sync_seconds_sum{{file=\"{file}\"}} {stats.WalSyncTime.TotalSeconds}\n");
            text.Append(CultureInfo.InvariantCulture, $"sqlite_wal_sync_seconds_count{{file=\"{file}\"}} {stats.WalSyncs}\n");
        }

        foreach (var (name, type, help, value) in Series)
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
            foreach (var (file, stats) in files)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{{file=\"{file}\"}} {value(stats)}\n");
            }
        }
    }
}

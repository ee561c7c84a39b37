using System.Diagnostics;
using System.Reflection;
using Microsoft.Data.Sqlite;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Delivery;
using ProactiveReissue.Queue.Sqlite;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// Counts the commits (each one fsync of the WAL under synchronous=FULL) on the store's write
/// connection with SQLite's commit hook. A diagnostic only: it reaches the private connection by
/// reflection and reports -1 if the store's shape changed.
/// </summary>
public sealed class CommitCounter
{
    private long _count;

    private CommitCounter()
    {
    }

    public long Count => _available ? Interlocked.Read(ref _count) : -1;

    /// <summary>The store's own fsyncs of the WAL (pipelined durability) and their total time; -1 if the store has none.</summary>
    public (long Syncs, TimeSpan Time) Syncs
    {
        get
        {
            return _store is { Stats: var stats } ? (stats.WalSyncs, stats.WalSyncTime) : (-1, TimeSpan.Zero);
        }
    }

    private SqliteQueueStore? _store;

    private bool _available;

    public static CommitCounter Attach(SqliteQueueStore store)
    {
        var counter = new CommitCounter { _store = store };
        if (typeof(SqliteQueueStore).GetField("_writeConnection", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(store) is SqliteConnection { Handle: { } handle })
        {
            SQLitePCL.raw.sqlite3_commit_hook(handle, _ => { Interlocked.Increment(ref counter._count); return 0; }, null);
            counter._available = true;
        }

        return counter;
    }
}

/// <summary>Passes everything through, counting and timing leases and acks: the drain's stopwatch breakdown.</summary>
public sealed class CountingStore(IQueueStore inner) : IQueueStore
{
    private long _leases;
    private long _leased;
    private long _leaseTicks;
    private long _acks;
    private long _ackTicks;

    public long Leases => Interlocked.Read(ref _leases);

    public long Leased => Interlocked.Read(ref _leased);

    public TimeSpan LeaseTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _leaseTicks));

    public TimeSpan AckTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ackTicks));

    public long Acks => Interlocked.Read(ref _acks);

    public Task EnqueueAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken cancellationToken) => inner.EnqueueAsync(messages, cancellationToken);

    public async Task<IReadOnlyList<QueuedMessage>> LeaseAsync(string consumer, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await inner.LeaseAsync(consumer, max, lease, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _leaseTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _leases);
        Interlocked.Add(ref _leased, result.Count);
        return result;
    }

    public async Task AckAsync(long sequence, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.AckAsync(sequence, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _ackTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _acks);
    }

    public Task RetryAsync(long sequence, DateTimeOffset notBefore, string error, CancellationToken cancellationToken, bool countAttempt = true) =>
        inner.RetryAsync(sequence, notBefore, error, cancellationToken, countAttempt);

    public Task DeadLetterAsync(long sequence, string reason, CancellationToken cancellationToken) => inner.DeadLetterAsync(sequence, reason, cancellationToken);

    public Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int max, CancellationToken cancellationToken) => inner.DeadLettersAsync(max, cancellationToken);

    public Task<QueuedMessage?> GetAsync(long sequence, CancellationToken cancellationToken) => inner.GetAsync(sequence, cancellationToken);

    public Task<bool> ReplayAsync(long sequence, CancellationToken cancellationToken) => inner.ReplayAsync(sequence, cancellationToken);

    public Task<long> BacklogAsync(CancellationToken cancellationToken) => inner.BacklogAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

/// <summary>The journal is not what is measured: attempts and dead letters are only counted.</summary>
public sealed class NullObserver : IDeliveryObserver
{
    private long _attempts;
    private long _deadLetters;

    public long Attempts => Interlocked.Read(ref _attempts);

    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    public Task AttemptedAsync(QueuedMessage message, DeliveryResult result, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        return Task.CompletedTask;
    }

    public Task DeadLetteredAsync(QueuedMessage message, string reason, bool rejected, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _deadLetters);
        return Task.CompletedTask;
    }
}

/// <summary>Times each attempt of the real transport.</summary>
public sealed class TimingTransport(IDeliveryTransport inner) : IDeliveryTransport
{
    private long _ticks;
    private long _count;

    public TimeSpan Average => _count == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks) / Interlocked.Read(ref _count));

    public async Task<DeliveryResult> DeliverAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await inner.DeliverAsync(message, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _count);
        return result;
    }
}

/// <summary>Delivers nothing and says Delivered: what is left of a drain is the queue's own cost.</summary>
public sealed class NullTransport : IDeliveryTransport
{
    private static readonly Task<DeliveryResult> Delivered = Task.FromResult(DeliveryResult.Delivered(200));

    public Task<DeliveryResult> DeliverAsync(QueuedMessage message, CancellationToken cancellationToken) => Delivered;
}

/// <summary>How SQLite plans the store's lease query (<see cref="SqliteQueueStore.ScanSql"/>) on the first segment table of a given file.</summary>
public static class LeasePlan
{
    public static string Explain(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var first = connection.CreateCommand();
        first.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'outbox_seg_%' ORDER BY name LIMIT 1";
        if (first.ExecuteScalar() is not string table)
        {
            return "no segment table";
        }

        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteQueueStore.ScanSql(table);
        command.Parameters.AddWithValue("?1", 0L);
        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        using var version = connection.CreateCommand();
        version.CommandText = "SELECT sqlite_version()";
        return $"SQLite {version.ExecuteScalar()}: " + string.Join(" → ", steps);
    }
}

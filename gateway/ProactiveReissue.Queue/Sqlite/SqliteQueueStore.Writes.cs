namespace ProactiveReissue.Queue.Sqlite;

/// <summary>What the writer commits: batches of enqueued messages, acks, and the other changes to stored messages.</summary>
public sealed partial class SqliteQueueStore
{
    private interface IWrite
    {
        /// <summary>True: completes only after the WAL holding its commit is fsynced.</summary>
        bool NeedsSync { get; }

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class Batch(IReadOnlyList<OutboundMessage> messages) : IWrite
    {
        public IReadOnlyList<OutboundMessage> Messages { get; } = messages;

        public bool NeedsSync => true;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete() => Done.TrySetResult();

        public void Fail(Exception exception) => Done.TrySetException(exception);
    }

    /// <summary>
    /// An ack: completes at its commit, without waiting for the fsync of the WAL, and its awaiter continues on
    /// the writer's thread once the write lock is released (a few instructions; a hop through the thread pool
    /// per delivered message would cost more than the ack). It is its own completion source: one object per ack.
    /// </summary>
    private sealed class Ack(long sequence) : TaskCompletionSource, IWrite
    {
        public long Sequence { get; } = sequence;

        public int Changed { get; set; }

        /// <summary>The acked row's key (null if no row was acked), its messageId's hash and its segment.</summary>
        public string? OrderingKey { get; set; }

        public long Id { get; set; }

        public Segment? Segment { get; set; }

        public bool NeedsSync => false;

        public void Complete() => TrySetResult();

        public void Fail(Exception exception) => TrySetException(exception);
    }

    /// <summary>A retry, dead letter or replay: completes only after the WAL holding its commit is fsynced.</summary>
    private sealed class Mutation(LeaseChange change, long sequence) : IWrite
    {
        public int Changed { get; set; }

        public bool NeedsSync => true;

        /// <summary>The message whose lease this ends or changes.</summary>
        public long Sequence { get; } = sequence;

        public LeaseChange Change { get; } = change;

        /// <summary>For a retry: when the message is due again (Unix ms); for a replay: now.</summary>
        public long DueMs { get; init; }

        /// <summary>For a retry: whether it counts as an attempt.</summary>
        public bool CountAttempt { get; init; }

        /// <summary>For a retry or dead letter: the error recorded.</summary>
        public string? Error { get; init; }

        /// <summary>For a dead letter or replay: the changed row's key, null if none changed.</summary>
        public string? OrderingKey { get; set; }

        /// <summary>The segment the row left (dead letter) or joined (replay).</summary>
        public Segment? Segment { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete() => Done.TrySetResult();

        public void Fail(Exception exception) => Done.TrySetException(exception);
    }
}

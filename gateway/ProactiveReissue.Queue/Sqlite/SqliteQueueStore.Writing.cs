using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>The group-commit writer and the small SQL helpers.</summary>
public sealed partial class SqliteQueueStore
{
    private const int AckGroup = 256;

    private async Task WriteLoopAsync()
    {
        var pending = new List<IWrite>();
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var count = 0;
            var enqueued = 0;
            var yielded = false;
            while (true)
            {
                while (count < MaxBatchMessages && _writes.Reader.TryRead(out var write))
                {
                    pending.Add(write);
                    var size = write is Batch b ? b.Messages.Count : 1;
                    count += size;
                    enqueued += write is Batch ? size : 0;
                }

                // Only acks, which no caller waits for (a delivery loop has moved on): let the thread pool run what
                // is queued first (the answers that bring the next acks), so one commit rewrites each page once for
                // many acks instead of once for a few. Anything that waits for its fsync is committed at once.
                if (yielded || count >= AckGroup || pending.Exists(static w => w is not Ack))
                {
                    break;
                }

                yielded = true;
                await Task.Yield();
            }

            if (_syncFailure is { } poisoned)
            {
                // An fsync failed: what the page cache holds may never reach the disk, so nothing more is acknowledged.
                Interlocked.Add(ref _backlog, -enqueued);
                pending.ForEach(w => w.Fail(poisoned));
                pending.Clear();
                continue;
            }

            var committed = false;
            var nextSeq = _nextSeq;
            await _writeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                var inserted = 0L;
                var acked = 0;
                var logged = 0;
                var toSync = false;
                TakeAckInbox();
                using (var transaction = _writeConnection.BeginTransaction())
                {
                    _transaction = transaction;

                    // First: a segment dropped here is gone before anything could be stored in it.
                    if (pending.Exists(static w => w is FlushAcks))
                    {
                        logged = LogAcks();
                        DropFinished(pending.Exists(static w => w is FlushAcks { Closing: true }));
                    }

                    if (enqueued > 0)
                    {
                        inserted = Insert(pending);
                    }

                    foreach (var write in pending)
                    {
                        if (write is Ack ack)
                        {
                            ack.Changed = AckUnleased(ack);
                            acked += ack.Changed;
                        }
                        else if (write is Mutation mutation)
                        {
                            mutation.Changed = ExecuteMutation(mutation);
                        }
                    }

                    transaction.Commit();
                }

                _transaction = null;
                SegmentsSettled(committed: true);
                AcksLogged(logged);
                StoredCommitted();
                _checkpointer?.Committed(_writeConnection);

                // Duplicates were counted on the way in; take them back out. Acked messages leave the backlog.
                Interlocked.Add(ref _backlog, inserted - enqueued - acked);
                foreach (var write in pending)
                {
                    // Committed at synchronous=NORMAL: durable only once the sync loop has fsynced the WAL.
                    if (write is Ack ack)
                    {
                        AckedUnleased(ack);
                        LeftOrder(ack.OrderingKey, ack.Sequence);
                        Released(ack.Sequence, ack.Changed);
                    }
                    else if (write is Mutation changed)
                    {
                        Mutated(changed);
                        LeaseChanged(changed);
                    }

                    if (write.NeedsSync)
                    {
                        _unsynced.Enqueue(write);
                        toSync = true;
                    }
                }

                if (toSync)
                {
                    _unsyncedSignal.Release();
                }

                committed = true;
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
            {
                // Rolled back: nothing of it joins an order, its seqs are handed out again, its tables are as they were.
                _transaction = null;
                foreach (var stored in _stored)
                {
                    RemoveId(stored.Id);
                }

                _stored.Clear();
                _nextSeq = nextSeq;
                SegmentsSettled(committed: false);
                _ackFlushQueued = false;
                Interlocked.Add(ref _backlog, -enqueued);
                foreach (var write in pending)
                {
                    write.Fail(ex);
                }
            }
            finally
            {
                _writeLock.Release();
            }

            if (committed)
            {
                foreach (var write in pending)
                {
                    if (!write.NeedsSync)
                    {
                        write.Complete(); // outside the lock: the awaiter continues right here
                    }
                }
            }

            pending.Clear();
        }

        _writerDone = true;
        _unsyncedSignal.Release();
        _ackLog?.Dispose();
        _segments.ForEach(s => s.Dispose());
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>In the writer's transaction: stores the batches' messages, each under the next seq in the segment of that seq; the rows stored.</summary>
    private long Insert(List<IWrite> pending)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var inserted = 0L;
        foreach (var write in pending)
        {
            if (write is not Batch batch)
            {
                continue;
            }

            foreach (var message in batch.Messages)
            {
                var id = KeyHeads.HashOf(message.MessageId);
                if (IsQueued(message.MessageId, id))
                {
                    continue; // idempotent: already queued
                }

                var sequence = _nextSeq;
                var segment = SegmentFor(sequence);
                var insert = segment.Insert ??= new RawStatement(_writeConnection, SegmentInsertSql(segment.Table));
                insert.Bind(1, sequence);
                insert.Bind(2, message.MessageId);
                insert.Bind(3, message.Destination);
                insert.Bind(4, message.OrderingKey);
                insert.Bind(5, message.ContentType);
                insert.Bind(6, message.Payload.Span);
                insert.Bind(7, now);
                if (insert.Execute() == 0 && (!MakeRoomFor(segment, message.MessageId) || insert.Execute() == 0))
                {
                    continue; // the same messageId earlier in this batch (its twin in the table is not acked)
                }

                _nextSeq++;
                inserted++;
                AddId(id);
                _stored.Add((KeyHeads.HashOf(message.OrderingKey), sequence, id, segment));
            }
        }

        return inserted;
    }

    /// <summary>The payload's own array when it is one whole array (the usual case), else a copy.</summary>
    public static byte[] BlobOf(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();

    /// <summary>A change to stored messages, committed in the next group commit; the number of rows it changed.</summary>
    private async Task<int> ExecuteAsync(Mutation mutation, CancellationToken cancellationToken)
    {
        if (!_writes.Writer.TryWrite(mutation))
        {
            throw new ObjectDisposedException(nameof(SqliteQueueStore));
        }

        await mutation.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return mutation.Changed;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

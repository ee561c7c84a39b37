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
        // Acks, retries and dead letters are a handful of statements run thousands of times: keep them prepared.
        var commands = new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
        SqliteCommand? insert = null;
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
            await _writeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                var inserted = 0L;
                var acked = 0;
                var mutated = 0;
                var toSync = false;
                long[]? ackedDeleted = null;
                TakeAckInbox();
                using (var transaction = _writeConnection.BeginTransaction())
                {
                    // Before inserts: a delivered message's messageId may be queued again.
                    ackedDeleted = enqueued > 0 || pending.Exists(static w => w is FlushAcks) ? DeleteAcked() : null;
                    if (enqueued > 0)
                    {
                        insert ??= PrepareInsert();
                        inserted = Insert(insert, transaction, pending);
                    }

                    foreach (var write in pending)
                    {
                        if (write is Ack ack)
                        {
                            ack.Changed = _acked.Contains(ack.Sequence) ? 0 : DeleteUnleased(ack); // acked in memory: already off the backlog
                            acked += ack.Changed;
                        }
                        else if (write is Mutation mutation)
                        {
                            // An acked message has left the queue, even while its row waits for deletion.
                            mutation.Changed = _acked.Contains(mutation.Sequence) ? 0 : ExecuteMutation(commands, mutation, transaction);
                            mutated += mutation.Changed;
                        }
                    }

                    transaction.Commit();
                }

                AckedDeleted(ackedDeleted);
                StoredCommitted();
                _checkpointer?.Committed(_writeConnection);

                // Duplicates were counted on the way in; take them back out. Acked messages leave the backlog.
                Interlocked.Add(ref _backlog, inserted - enqueued - acked);
                foreach (var write in pending)
                {
                    // Committed at synchronous=NORMAL: durable only once the sync loop has fsynced the WAL.
                    if (write is Ack ack)
                    {
                        LeftOrder(ack.OrderingKey, ack.Sequence);
                        Released(ack.Sequence, ack.Changed);
                    }
                    else if (write is Mutation changed)
                    {
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
                _stored.Clear(); // rolled back: nothing of it joins an order
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
        _ackDelete?.Dispose();
        _ackRangeDelete?.Dispose();
        foreach (var command in commands.Values.Append(insert))
        {
            if (command is not null)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private int ExecuteMutation(Dictionary<string, SqliteCommand> commands, Mutation mutation, SqliteTransaction transaction)
    {
        if (!commands.TryGetValue(mutation.Sql, out var command))
        {
            command = _writeConnection.CreateCommand();
            command.CommandText = mutation.Sql;
            foreach (var (name, _) in mutation.Parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            commands[mutation.Sql] = command;
        }

        command.Transaction = transaction;
        foreach (var (name, value) in mutation.Parameters)
        {
            command.Parameters[name].Value = value;
        }

        if (mutation.Change is not (LeaseChange.Released or LeaseChange.Replayed))
        {
            return command.ExecuteNonQuery();
        }

        // A dead letter or replay of one seq: its SQL returns the changed row's key, for the key's order.
        mutation.OrderingKey = command.ExecuteScalar() as string;
        return mutation.OrderingKey is null ? 0 : 1;
    }

    /// <summary>Deletes the row of an ack that was not for a lease here (acked twice, or leased elsewhere); the rows deleted.</summary>
    private int DeleteUnleased(Ack ack)
    {
        _ackDelete ??= new RawStatement(_writeConnection, AckSql);
        _ackDelete.Bind(1, ack.Sequence);
        try
        {
            ack.OrderingKey = _ackDelete.Step() ? _ackDelete.Text(0) : null;
        }
        finally
        {
            _ackDelete.Reset();
        }

        return ack.OrderingKey is null ? 0 : 1;
    }

    /// <summary>The INSERT every enqueue runs, prepared once for the writer's lifetime.</summary>
    private SqliteCommand PrepareInsert()
    {
        var insert = _writeConnection.CreateCommand();
        insert.CommandText = InsertSql;
        insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.Add("$dest", SqliteType.Text);
        insert.Parameters.Add("$key", SqliteType.Text);
        insert.Parameters.Add("$ct", SqliteType.Text);
        insert.Parameters.Add("$payload", SqliteType.Blob);
        insert.Parameters.Add("$now", SqliteType.Integer);
        insert.Prepare();
        return insert;
    }

    private long Insert(SqliteCommand insert, SqliteTransaction transaction, List<IWrite> pending)
    {
        insert.Transaction = transaction;
        var parameters = insert.Parameters;
        parameters[5].Value = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var inserted = 0L;
        foreach (var write in pending)
        {
            if (write is not Batch batch)
            {
                continue;
            }

            foreach (var message in batch.Messages)
            {
                parameters[0].Value = message.MessageId;
                parameters[1].Value = message.Destination;
                parameters[2].Value = message.OrderingKey;
                parameters[3].Value = message.ContentType;
                parameters[4].Value = BlobOf(message.Payload);
                if (insert.ExecuteNonQuery() > 0)
                {
                    inserted++;
                    Stored(message.OrderingKey);
                }
            }
        }

        return inserted;
    }

    /// <summary>The DELETE of an ack, prepared once for the writer's lifetime (a <see cref="RawStatement"/>).</summary>
    private const string AckSql = "DELETE FROM outbox WHERE seq = $seq AND dead = 0 RETURNING ordering_key";

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

using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>The group-commit writer and the small SQL helpers.</summary>
public sealed partial class SqliteQueueStore
{
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
            while (count < MaxBatchMessages && _writes.Reader.TryRead(out var write))
            {
                pending.Add(write);
                var size = write is Batch b ? b.Messages.Count : 1;
                count += size;
                enqueued += write is Batch ? size : 0;
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
                await using (var transaction = _writeConnection.BeginTransaction())
                {
                    if (enqueued > 0)
                    {
                        insert ??= PrepareInsert();
                        inserted = await InsertAsync(insert, transaction, pending).ConfigureAwait(false);
                    }

                    foreach (var write in pending)
                    {
                        if (write is Mutation mutation)
                        {
                            mutation.Changed = await ExecuteMutationAsync(commands, mutation, transaction).ConfigureAwait(false);
                        }
                    }

                    await transaction.CommitAsync().ConfigureAwait(false);
                }

                // Duplicates were counted on the way in; take them back out.
                Interlocked.Add(ref _backlog, inserted - enqueued);
                foreach (var write in pending)
                {
                    // Committed at synchronous=NORMAL: durable only once the sync loop has fsynced the WAL.
                    if (write is Mutation changed)
                    {
                        LeaseChanged(changed);
                    }

                    if (write.NeedsSync)
                    {
                        _unsynced.Writer.TryWrite(write);
                    }
                }

                committed = true;
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
            {
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

        _unsynced.Writer.TryComplete();
        foreach (var command in commands.Values.Append(insert))
        {
            if (command is not null)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<int> ExecuteMutationAsync(Dictionary<string, SqliteCommand> commands, Mutation mutation, SqliteTransaction transaction)
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

        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
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

    private async Task<long> InsertAsync(SqliteCommand insert, SqliteTransaction transaction, List<IWrite> pending)
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
                inserted += await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
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

    /// <param name="sync">False: completes at its commit, without waiting for the fsync of the WAL (acks), and
    /// its awaiter continues on the writer's thread once the write lock is released — an ack's continuation is
    /// a few instructions, and a hop through the thread pool per delivered message costs more than the ack.</param>
    private sealed class Mutation(string sql, (string Name, object Value)[] parameters, bool sync = true) : IWrite
    {
        public string Sql { get; } = sql;

        public (string Name, object Value)[] Parameters { get; } = parameters;

        public int Changed { get; set; }

        public bool NeedsSync => sync;

        /// <summary>The message whose lease this ends or changes.</summary>
        public long Sequence { get; init; }

        public LeaseChange Change { get; init; }

        /// <summary>For a retry: when the message is due again (Unix ms).</summary>
        public long DueMs { get; init; }

        public TaskCompletionSource Done { get; } = new(sync ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None);

        public void Complete() => Done.TrySetResult();

        public void Fail(Exception exception) => Done.TrySetException(exception);
    }
}

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
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var count = 0;
            while (count < MaxBatchMessages && _writes.Reader.TryRead(out var write))
            {
                pending.Add(write);
                count += write is Batch b ? b.Messages.Count : 1;
            }

            var enqueued = pending.OfType<Batch>().Sum(b => b.Messages.Count);
            await _writeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                var inserted = 0L;
                SetSynchronous(full: pending.Exists(w => w is not Mutation { Sync: false }));
                await using (var transaction = _writeConnection.BeginTransaction())
                {
                    if (enqueued > 0)
                    {
                        inserted = await InsertAsync(transaction, pending.OfType<Batch>().SelectMany(b => b.Messages)).ConfigureAwait(false);
                    }

                    foreach (var mutation in pending.OfType<Mutation>())
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

                        mutation.Changed = await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                    }

                    await transaction.CommitAsync().ConfigureAwait(false);
                }

                // Duplicates were counted on the way in; take them back out.
                Interlocked.Add(ref _backlog, inserted - enqueued);
                foreach (var write in pending)
                {
                    write.Complete();
                }
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

            pending.Clear();
        }

        foreach (var command in commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<long> InsertAsync(SqliteTransaction transaction, IEnumerable<OutboundMessage> messages)
    {
        await using var insert = _writeConnection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO outbox(message_id, destination, ordering_key, content_type, payload, enqueued_ms, not_before_ms)
            VALUES ($id, $dest, $key, $ct, $payload, $now, $now) ON CONFLICT(message_id) DO NOTHING
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var destination = insert.Parameters.Add("$dest", SqliteType.Text);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var contentType = insert.Parameters.Add("$ct", SqliteType.Text);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        insert.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        insert.Prepare();
        var inserted = 0L;
        foreach (var message in messages)
        {
            id.Value = message.MessageId;
            destination.Value = message.Destination;
            key.Value = message.OrderingKey;
            contentType.Value = message.ContentType;
            payload.Value = message.Payload.ToArray();
            inserted += await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return inserted;
    }

    /// <summary>A change to stored messages, committed in the next group commit.</summary>
    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        ExecuteAsync(sql, cancellationToken, sync: true, parameters);

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, bool sync, params (string Name, object Value)[] parameters)
    {
        var mutation = new Mutation(sql, parameters) { Sync = sync };
        if (!_writes.Writer.TryWrite(mutation))
        {
            throw new ObjectDisposedException(nameof(SqliteQueueStore));
        }

        await mutation.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return mutation.Changed;
    }

    /// <summary>FULL (fsync the WAL at commit) unless only writes that may be lost in a crash are pending.</summary>
    private void SetSynchronous(bool full)
    {
        if (full != _synchronousFull)
        {
            Execute(_writeConnection, full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
            _synchronousFull = full;
        }
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
        void Complete();

        void Fail(Exception exception);
    }

    private sealed class Batch(IReadOnlyList<OutboundMessage> messages) : IWrite
    {
        public IReadOnlyList<OutboundMessage> Messages { get; } = messages;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete() => Done.TrySetResult();

        public void Fail(Exception exception) => Done.TrySetException(exception);
    }

    private sealed class Mutation(string sql, (string Name, object Value)[] parameters) : IWrite
    {
        public string Sql { get; } = sql;

        public (string Name, object Value)[] Parameters { get; } = parameters;

        public int Changed { get; set; }

        /// <summary>False: the commit holding only such writes skips the fsync.</summary>
        public bool Sync { get; init; } = true;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete() => Done.TrySetResult();

        public void Fail(Exception exception) => Done.TrySetException(exception);
    }
}

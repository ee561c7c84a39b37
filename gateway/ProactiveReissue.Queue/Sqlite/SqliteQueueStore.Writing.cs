using Microsoft.Data.Sqlite;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>The group-commit writer and the small SQL helpers.</summary>
public sealed partial class SqliteQueueStore
{
    private async Task WriteLoopAsync()
    {
        var pending = new List<IWrite>();
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
                await using (var transaction = _writeConnection.BeginTransaction())
                {
                    if (enqueued > 0)
                    {
                        inserted = await InsertAsync(transaction, pending.OfType<Batch>().SelectMany(b => b.Messages)).ConfigureAwait(false);
                    }

                    foreach (var mutation in pending.OfType<Mutation>())
                    {
                        await using var command = _writeConnection.CreateCommand();
                        command.Transaction = transaction;
                        command.CommandText = mutation.Sql;
                        foreach (var (name, value) in mutation.Parameters)
                        {
                            command.Parameters.AddWithValue(name, value);
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
    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var mutation = new Mutation(sql, parameters);
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

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete() => Done.TrySetResult();

        public void Fail(Exception exception) => Done.TrySetException(exception);
    }
}

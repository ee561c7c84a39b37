using Microsoft.Data.Sqlite;
using ProactiveReissue.Gateway.Storage;

namespace ProactiveReissue.Gateway.Async;

/// <summary>The asynchronous channel's messages and their delivery state (SQLite, group commit).</summary>
public sealed class AsyncMessageStore(SqliteWriter writer) : IAsyncMessageStore
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS async_messages(
          message_id TEXT PRIMARY KEY,
          correlation_id TEXT NOT NULL,
          service_id TEXT NOT NULL,
          message_type TEXT NOT NULL,
          sender TEXT NOT NULL,
          recipient TEXT NOT NULL,
          route_id TEXT,
          message_date_ms INTEGER NOT NULL,
          properties TEXT NOT NULL,
          data_xml TEXT NOT NULL,
          state TEXT NOT NULL,
          status_message TEXT NOT NULL,
          status_ms INTEGER NOT NULL,
          created_ms INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_async_recipient ON async_messages(recipient, service_id, state, created_ms);
        CREATE INDEX IF NOT EXISTS ix_async_correlation ON async_messages(correlation_id);
        """;

    private const string Columns = "message_id, correlation_id, service_id, message_type, sender, recipient, route_id, message_date_ms, properties, data_xml, state, status_message, status_ms, created_ms";

    public Task AddAsync(AsyncMessage m, CancellationToken cancellationToken) =>
        writer.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO async_messages({Columns}) VALUES ($id,$corr,$svc,$type,$snd,$rcp,$route,$date,$props,$data,$state,$msg,$status,$created)";
            Bind(command, m);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    /// <summary>Moves a message out of ON_DELIVERY; false if it had already left it.</summary>
    public Task<bool> SetStateAsync(string messageId, string state, string statusMessage, DateTimeOffset at, CancellationToken cancellationToken) =>
        writer.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE async_messages SET state=$state, status_message=$msg, status_ms=$at WHERE message_id=$id AND state='ON_DELIVERY'";
            command.Parameters.AddWithValue("$state", state);
            command.Parameters.AddWithValue("$msg", statusMessage);
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$id", messageId);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    public async Task<AsyncMessage?> FindAsync(string messageId, CancellationToken cancellationToken) =>
        (await QueryAsync("message_id = $id", [("$id", messageId)], 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Undelivered messages for a recipient and service, oldest first.</summary>
    public Task<IReadOnlyList<AsyncMessage>> PendingForAsync(string recipient, string serviceId, string? messageId, string? correlationId, int amount, CancellationToken cancellationToken) =>
        QueryAsync(
            "recipient = $r AND service_id = $s AND state = 'ON_DELIVERY' AND ($m IS NULL OR message_id = $m) AND ($c IS NULL OR correlation_id = $c)",
            [("$r", recipient), ("$s", serviceId), ("$m", messageId), ("$c", correlationId)],
            amount,
            cancellationToken);

    /// <summary>Every message still ON_DELIVERY to one of the given recipients (push reconciliation at start).</summary>
    public Task<IReadOnlyList<AsyncMessage>> OnDeliveryToAsync(string recipient, CancellationToken cancellationToken) =>
        QueryAsync("recipient = $r AND state = 'ON_DELIVERY'", [("$r", recipient)], int.MaxValue, cancellationToken);

    private async Task<IReadOnlyList<AsyncMessage>> QueryAsync(string where, (string Name, object? Value)[] parameters, int limit, CancellationToken cancellationToken)
    {
        await using var connection = writer.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM async_messages WHERE {where} ORDER BY created_ms, rowid LIMIT $limit";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<AsyncMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new AsyncMessage(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)), reader.GetString(8),
                reader.GetString(9), reader.GetString(10), reader.GetString(11), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13))));
        }

        return result;
    }

    private static void Bind(SqliteCommand command, AsyncMessage m)
    {
        command.Parameters.AddWithValue("$id", m.MessageId);
        command.Parameters.AddWithValue("$corr", m.CorrelationId);
        command.Parameters.AddWithValue("$svc", m.ServiceId);
        command.Parameters.AddWithValue("$type", m.MessageType);
        command.Parameters.AddWithValue("$snd", m.Sender);
        command.Parameters.AddWithValue("$rcp", m.Recipient);
        command.Parameters.AddWithValue("$route", (object?)m.RouteId ?? DBNull.Value);
        command.Parameters.AddWithValue("$date", m.MessageDate.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$props", m.PropertiesJson);
        command.Parameters.AddWithValue("$data", m.DataXml);
        command.Parameters.AddWithValue("$state", m.State);
        command.Parameters.AddWithValue("$msg", m.StatusMessage);
        command.Parameters.AddWithValue("$status", m.StatusDate.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$created", m.CreatedAt.ToUnixTimeMilliseconds());
    }
}

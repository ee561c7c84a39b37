using Microsoft.Data.Sqlite;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// Retries, dead letters, replays and acks of unleased messages, run by the writer in its transaction; what they change
/// in memory (segments' counts, keys' order, leases) is applied after the commit.
/// </summary>
public sealed partial class SqliteQueueStore
{
    /// <summary>The writer's statements for mutations, by SQL text (a segment's go when its table is dropped).</summary>
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The writer's transaction in progress (null between them).</summary>
    private SqliteTransaction? _transaction;

    private int ExecuteMutation(Mutation mutation)
    {
        var sequence = mutation.Sequence;
        switch (mutation.Change)
        {
            case LeaseChange.Retried when Undelivered(sequence) is { } segment:
                return Run($"UPDATE {segment.Table} SET attempts = attempts + $inc, not_before_ms = $nb, last_error = $err WHERE seq = $seq",
                    ("$seq", sequence), ("$inc", mutation.CountAttempt ? 1 : 0), ("$nb", mutation.DueMs), ("$err", mutation.Error!));
            case LeaseChange.Released when Undelivered(sequence) is { } segment:
                // The dead letter moves out of its segment into outbox, where the operator lists it.
                mutation.OrderingKey = RunScalar(
                    $"INSERT OR REPLACE INTO outbox({SegmentColumns}, dead) SELECT seq, message_id, destination, ordering_key, content_type, payload, enqueued_ms, attempts + 1, not_before_ms, $err, 1 FROM {segment.Table} WHERE seq = $seq RETURNING ordering_key",
                    ("$seq", sequence), ("$err", mutation.Error!)) as string;
                if (mutation.OrderingKey is null)
                {
                    return 0;
                }

                Run($"DELETE FROM {segment.Table} WHERE seq = $seq", ("$seq", sequence));
                mutation.Segment = segment;
                return 1;
            case LeaseChange.Replayed:
                return Replay(mutation);
            default:
                return 0;
        }
    }

    /// <summary>A dead letter back into the segment of its seq (its table made again if it was dropped), due now, attempts reset.</summary>
    private int Replay(Mutation mutation)
    {
        var sequence = mutation.Sequence;
        if (RunScalar("SELECT message_id FROM outbox WHERE seq = $seq AND dead = 1", ("$seq", sequence)) is not string messageId)
        {
            return 0;
        }

        var segment = SegmentFor(sequence);
        if (!MakeRoomFor(segment, messageId))
        {
            return 0; // the messageId is queued again under another seq: replaying would deliver it twice
        }

        mutation.OrderingKey = RunScalar(
            $"INSERT INTO {segment.Table}({SegmentColumns}) SELECT seq, message_id, destination, ordering_key, content_type, payload, enqueued_ms, 0, $now, last_error FROM outbox WHERE seq = $seq RETURNING ordering_key",
            ("$seq", sequence), ("$now", mutation.DueMs)) as string;
        Run("DELETE FROM outbox WHERE seq = $seq", ("$seq", sequence));
        mutation.Segment = segment;
        return 1;
    }

    /// <summary>After the commit: what a dead letter or replay changed in memory (a retry changes only its lease).</summary>
    private void Mutated(Mutation mutation)
    {
        if (mutation.Changed == 0 || mutation.Segment is not { } segment)
        {
            return;
        }

        segment.Live += mutation.Change == LeaseChange.Replayed ? 1 : -1;
    }

    /// <summary>
    /// In the writer's transaction: the ack of a message not leased here (acked twice, or leased by a store before a
    /// restart). The ack is logged at once. The rows acked: 0 if the message is delivered or dead already.
    /// </summary>
    private int AckUnleased(Ack ack)
    {
        if (Undelivered(ack.Sequence) is not { } segment)
        {
            return 0;
        }

        var command = Command($"SELECT ordering_key, message_id FROM {segment.Table} WHERE seq = $seq", ("$seq", ack.Sequence));
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return 0;
            }

            (ack.OrderingKey, ack.Id, ack.Segment) = (reader.GetString(0), KeyHeads.HashOf(reader.GetString(1)), segment);
        }

        Run("INSERT INTO outbox_acks(first, last) VALUES ($seq, $seq)", ("$seq", ack.Sequence));
        return 1;
    }

    /// <summary>After the commit of <see cref="AckUnleased"/>: the message has left the queue.</summary>
    private void AckedUnleased(Ack ack)
    {
        if (ack.Changed == 0)
        {
            return;
        }

        ack.Segment!.MarkAcked(ack.Sequence);
        ack.Segment.Live--;
        RemoveId(ack.Id);
    }

    /// <summary>The segment of an undelivered message (its table in the file, its seq not acked); null otherwise.</summary>
    private Segment? Undelivered(long sequence) => SegmentOf(sequence) is { } segment && !segment.IsAcked(sequence) ? segment : null;

    private int Run(string sql, params (string Name, object Value)[] parameters)
    {
        var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>A statement run once (DDL, or SQL with values written in): not kept among the prepared ones.</summary>
    private void RunOnce(string sql)
    {
        using var command = _writeConnection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>The rows of a query run once in the writer's transaction, read one at a time (a backlog of a million is not held in a list).</summary>
    private IEnumerable<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var command = _writeConnection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return read(reader);
        }
    }

    private object? RunScalar(string sql, params (string Name, object Value)[] parameters) => Command(sql, parameters).ExecuteScalar();

    /// <summary>A statement of the writer's, prepared once per SQL text and bound to the transaction in progress.</summary>
    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _writeConnection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}

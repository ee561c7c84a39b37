using Microsoft.Data.Sqlite;

namespace ProactiveReissue.Reissue.Cases;

/// <summary>
/// A connection kept open with its statements prepared once: SQLite parses a statement only the first time, later
/// uses only bind values. The writer keeps one for its life (<see cref="SqliteGroupCommit"/>, one batch at a time);
/// reads rent one from a small pool. Never used by two callers at once.
/// </summary>
internal sealed class SqliteSession(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    public SqliteTransaction Begin() => _transaction = connection.BeginTransaction();

    /// <summary>Sets the values of a prepared command's parameters, in order (null becomes SQL NULL).</summary>
    public static void Bind(SqliteCommand command, ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    /// <summary>
    /// The prepared command for <paramref name="sql"/> in the current transaction, its parameters (named
    /// <paramref name="parameterNames"/>, in that order) ready for new values.
    /// </summary>
    public SqliteCommand Command(string sql, string[] parameterNames)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
            }

            _commands.Add(sql, command);
        }

        command.Transaction = _transaction;
        return command;
    }

    /// <summary>Runs the prepared <paramref name="sql"/> with these values (null becomes SQL NULL).</summary>
    public int Execute(string sql, string[] parameterNames, ReadOnlySpan<object?> values)
    {
        var command = Command(sql, parameterNames);
        Bind(command, values);
        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        connection.Dispose();
    }
}

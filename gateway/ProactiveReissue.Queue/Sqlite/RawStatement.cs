using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// A statement prepared once on a write connection and run through SQLite's own API, for the statements run once
/// per message: the queue's lease scan (eleven column reads a row) and ack DELETE, the journal's INSERT.
/// Through <see cref="SqliteCommand"/> each run builds a data reader, walks the statement list, boxes the
/// values and makes a binder per parameter; here a run is a bind, steps and a reset. Used only by the one writer
/// of its connection (inside that connection's transactions), and disposed before the connection is closed.
/// </summary>
public sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Bind(int index, long value) => SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(_statement, index, value), _db);

    /// <summary>Binds text, or NULL for null.</summary>
    public void Bind(int index, string? value) => SqliteException.ThrowExceptionForRC(
        value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value), _db);

    /// <summary>Binds a blob (SQLite copies it).</summary>
    public void Bind(int index, ReadOnlySpan<byte> value) => SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_blob(_statement, index, value), _db);

    /// <summary>Runs a statement that returns no rows; the number of rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
                throw new InvalidOperationException($"the statement returned rows (rc {rc})");
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>The next row of a query: true while there is one. Call <see cref="Reset"/> when done.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            raw.sqlite3_reset(_statement);
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    public void Reset() => raw.sqlite3_reset(_statement);

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public string Text(int column) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, column));

    /// <summary>The text, as <paramref name="last"/> when it has the same bytes as <paramref name="lastUtf8"/> (one destination
    /// and content type for many messages: no new string per row); else a new string, remembered in both.</summary>
    public string Text(int column, ref string? last, ref byte[]? lastUtf8)
    {
        var bytes = raw.sqlite3_column_blob(_statement, column);
        if (last is not null && bytes.SequenceEqual(lastUtf8))
        {
            return last;
        }

        lastUtf8 = bytes.ToArray();
        return last = Encoding.UTF8.GetString(bytes);
    }

    public byte[] Blob(int column) => raw.sqlite3_column_blob(_statement, column).ToArray();

    public void Dispose() => _statement.Dispose();
}

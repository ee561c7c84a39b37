using Microsoft.Data.Sqlite;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Reissue.Cases;

/// <summary>
/// Cases and their history in SQLite (WAL, synchronous=FULL): a state change is durable before its side
/// effect is confirmed. Writes go through one writer that commits concurrent cases' changes together
/// (<see cref="SqliteGroupCommit"/>); reads use pooled connections.
/// </summary>
public sealed class SqliteCaseStore : ICaseStore, IAsyncDisposable
{
    private const string Columns = "case_id, service_code, bin, notice_id, state, due_ms, updated_ms, head_iin, new_name, phone, sms_count, permits, documents, outcome";
    private const string CaseValues = "VALUES ($id,$svc,$bin,$notice,$state,$due,$upd,$head,$name,$phone,$sms,$permits,$docs,$outcome,$terminal)";
    private const string InsertOrIgnore = $"INSERT OR IGNORE INTO cases({Columns}, terminal) {CaseValues}";
    private const string InsertOrReplace = $"INSERT OR REPLACE INTO cases({Columns}, terminal) {CaseValues}";
    private const string InsertHistorySql = "INSERT INTO case_history(case_id, at, step, input, outcome) VALUES ($id, $at, $step, $input, $outcome)";
    private static readonly string[] CaseParameters = ["$id", "$svc", "$bin", "$notice", "$state", "$due", "$upd", "$head", "$name", "$phone", "$sms", "$permits", "$docs", "$outcome", "$terminal"];
    private static readonly string[] HistoryParameters = ["$id", "$at", "$step", "$input", "$outcome"];
    private static readonly string[] ById = ["$id", "$max"];
    private static readonly string[] ByDue = ["$now", "$max"];
    private static readonly string[] ByPhone = ["$p", "$max"];
    private static readonly string[] ByState = ["$s", "$max"];
    private readonly SqliteSessionPool _readers;
    private readonly string _connectionString;
    private readonly SqliteGroupCommit _writer;

    public SqliteCaseStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS cases(
              case_id TEXT PRIMARY KEY, service_code TEXT NOT NULL, bin TEXT NOT NULL, notice_id TEXT NOT NULL,
              state TEXT NOT NULL, due_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, head_iin TEXT, new_name TEXT,
              phone TEXT, sms_count INTEGER NOT NULL, permits TEXT NOT NULL, documents TEXT NOT NULL, outcome TEXT, terminal INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_cases_due ON cases(terminal, due_ms);
            CREATE INDEX IF NOT EXISTS ix_cases_phone ON cases(phone, updated_ms);
            CREATE INDEX IF NOT EXISTS ix_cases_state ON cases(state, updated_ms);
            CREATE TABLE IF NOT EXISTS case_history(id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL, at TEXT NOT NULL, step TEXT NOT NULL, input TEXT NOT NULL, outcome TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_history_case ON case_history(case_id, id);
            """);
        _writer = new SqliteGroupCommit(Open);
        _readers = new SqliteSessionPool(OpenRead);
    }

    public Task<bool> TryCreateAsync(ReissueCase @case, CaseHistoryEntry entry, CancellationToken cancellationToken) =>
        _writer.WriteAsync(
            session =>
            {
                var created = Upsert(session, @case, InsertOrIgnore) > 0;
                if (created)
                {
                    InsertHistory(session, entry);
                }

                return created;
            },
            cancellationToken);

    public Task SaveAsync(ReissueCase @case, CaseHistoryEntry entry, CancellationToken cancellationToken) =>
        SaveAsync(@case, [entry], cancellationToken);

    public Task SaveAsync(ReissueCase @case, IReadOnlyList<CaseHistoryEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return _writer.WriteAsync(
            session =>
            {
                Upsert(session, @case, InsertOrReplace);
                foreach (var entry in entries)
                {
                    InsertHistory(session, entry);
                }

                return true;
            },
            cancellationToken);
    }

    public Task<ReissueCase?> GetAsync(string caseId, CancellationToken cancellationToken) =>
        Task.FromResult(Query("case_id = $id", ById, [caseId], 1, cancellationToken).FirstOrDefault());

    public Task<IReadOnlyList<ReissueCase>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        Task.FromResult(Query("terminal = 0 AND due_ms <= $now ORDER BY due_ms", ByDue, [now.ToUnixTimeMilliseconds()], max, cancellationToken));

    public Task<ReissueCase?> FindByPhoneAsync(string phone, CancellationToken cancellationToken) =>
        Task.FromResult(Query(
            "phone = $p ORDER BY (state = 'AwaitingReply') DESC, CASE WHEN state = 'AwaitingReply' THEN updated_ms ELSE -updated_ms END, rowid",
            ByPhone, [phone], 1, cancellationToken).FirstOrDefault());

    public Task AddHistoryAsync(CaseHistoryEntry entry, CancellationToken cancellationToken) =>
        _writer.WriteAsync(
            session =>
            {
                InsertHistory(session, entry);
                return true;
            },
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        _readers.Dispose();
    }

    public async Task<IReadOnlyList<CaseHistoryEntry>> HistoryAsync(string caseId, CancellationToken cancellationToken)
    {
        await using var connection = OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT case_id, at, step, input, outcome FROM case_history WHERE case_id = $id ORDER BY id";
        command.Parameters.AddWithValue("$id", caseId);
        var result = new List<CaseHistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new CaseHistoryEntry(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<CaseState, int>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, count(*) FROM cases GROUP BY state";
        var result = new Dictionary<CaseState, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[Enum.Parse<CaseState>(reader.GetString(0))] = reader.GetInt32(1);
        }

        return result;
    }

    public Task<IReadOnlyList<ReissueCase>> ByStateAsync(CaseState state, int max, CancellationToken cancellationToken) =>
        Task.FromResult(Query("state = $s ORDER BY updated_ms", ByState, [state.ToString()], max, cancellationToken));

    /// <summary>Cases matching <paramref name="where"/>, through a pooled read session whose statement is prepared once per text.</summary>
    private IReadOnlyList<ReissueCase> Query(string where, string[] names, ReadOnlySpan<object> values, int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = _readers.Rent();
        var result = new List<ReissueCase>();
        try
        {
            var command = session.Command($"SELECT {Columns} FROM cases WHERE {where} LIMIT $max", names);
            SqliteSession.Bind(command, values);
            command.Parameters[names.Length - 1].Value = max;
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                    result.Add(new ReissueCase(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Enum.Parse<CaseState>(reader.GetString(4)),
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                        Text(7), Text(8), Text(9), reader.GetInt32(10), reader.GetString(11), reader.GetString(12), Text(13)));
                }
            }
        }
        catch
        {
            session.Dispose();
            throw;
        }

        _readers.Return(session);
        return result;
    }

    private static int Upsert(SqliteSession session, ReissueCase c, string sql) =>
        session.Execute(sql, CaseParameters, [c.CaseId, c.ServiceCode, c.Bin, c.NoticeId, c.State.ToString(), c.DueAt.ToUnixTimeMilliseconds(), c.UpdatedAt.ToUnixTimeMilliseconds(),
            c.HeadIin, c.NewName, c.Phone, c.SmsCount, c.PermitsJson, c.DocumentsJson, c.Outcome, c.IsTerminal ? 1 : 0]);

    private static void InsertHistory(SqliteSession session, CaseHistoryEntry e) =>
        session.Execute(InsertHistorySql, HistoryParameters, [e.CaseId, LocalClock.Format(e.At), e.Step, e.Input, e.Outcome]);

    /// <summary>
    /// A pooled connection for reads: no PRAGMA per open (synchronous only matters to writes; a reader that meets a
    /// lock is retried by Microsoft.Data.Sqlite up to the command timeout).
    /// </summary>
    private SqliteConnection OpenRead()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>A connection for the writer (and the schema): synchronous=FULL, busy_timeout.</summary>
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

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProactiveReissue.Queue.Redis;
using ProactiveReissue.Queue.Redis.Resp;
using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Gateway.Distributed;

/// <summary>
/// Cases, their history and their timers in the shared Redis, so any instance can run a due case or take
/// a reply. Same contract as <see cref="SqliteCaseStore"/> (tests/…/Distributed/CaseStoreContract.cs runs on both).
/// <para>Keys under pr:{cases} (one hash tag): <c>:c:{id}</c> hash (json, state, phone, ord);
/// <c>:h:{id}</c> list of history lines; <c>:due</c> sorted set of open cases by due time (the timers);
/// <c>:state:{State}</c> sorted sets by update time (counts, lists by state); <c>:phone:{phone}</c> sets
/// (replies); <c>:ord</c> a counter stamped on each save, the tie-break SQLite's rowid gives. Cases never expire.</para>
/// </summary>
public sealed class RedisCaseStore(IRedisConnection redis, RedisKeys keys) : ICaseStore
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };
    private static readonly string[] StateNames = Enum.GetNames<CaseState>();

    public Task<bool> TryCreateAsync(ReissueCase @case, CaseHistoryEntry entry, CancellationToken cancellationToken) =>
        WriteAsync(@case, [entry], "create", cancellationToken);

    public Task SaveAsync(ReissueCase @case, CaseHistoryEntry entry, CancellationToken cancellationToken) =>
        WriteAsync(@case, [entry], "save", cancellationToken);

    public Task SaveAsync(ReissueCase @case, IReadOnlyList<CaseHistoryEntry> entries, CancellationToken cancellationToken) =>
        WriteAsync(@case, entries, "save", cancellationToken);

    public async Task<ReissueCase?> GetAsync(string caseId, CancellationToken cancellationToken)
    {
        var reply = await CallAsync(() => redis.ExecuteAsync(["HGET", $"{keys.Cases}:c:{caseId}", "json"], cancellationToken)).ConfigureAwait(false);
        return reply.IsNil ? null : Case(reply);
    }

    public async Task<IReadOnlyList<ReissueCase>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        (await RunAsync(RedisCaseScripts.Due, [keys.Cases, Number(now.ToUnixTimeMilliseconds()), Number(max)], cancellationToken).ConfigureAwait(false))
            .Items.Select(Case).ToList();

    public async Task<ReissueCase?> FindByPhoneAsync(string phone, CancellationToken cancellationToken)
    {
        var reply = await RunAsync(RedisCaseScripts.ByPhone, [keys.Cases, phone], cancellationToken).ConfigureAwait(false);
        var cases = new List<(ReissueCase Case, long Order)>();
        for (var i = 0; i + 1 < reply.Items.Count; i += 2)
        {
            cases.Add((Case(reply.Items[i]), reply.Items[i + 1].AsInt64()));
        }

        // As SqliteCaseStore: the case waiting longest for a reply; else the latest case that had the phone.
        return cases
            .OrderByDescending(c => c.Case.State == CaseState.AwaitingReply)
            .ThenBy(c => c.Case.State == CaseState.AwaitingReply ? c.Case.UpdatedAt.ToUnixTimeMilliseconds() : -c.Case.UpdatedAt.ToUnixTimeMilliseconds())
            .ThenBy(c => c.Order)
            .Select(c => c.Case)
            .FirstOrDefault();
    }

    public Task AddHistoryAsync(CaseHistoryEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return CallAsync(() => redis.ExecuteAsync(["RPUSH", $"{keys.Cases}:h:{entry.CaseId}", History(entry)], cancellationToken));
    }

    public async Task<IReadOnlyList<CaseHistoryEntry>> HistoryAsync(string caseId, CancellationToken cancellationToken)
    {
        var reply = await CallAsync(() => redis.ExecuteAsync(["LRANGE", $"{keys.Cases}:h:{caseId}", "0", "-1"], cancellationToken)).ConfigureAwait(false);
        return reply.Items.Select(line =>
        {
            var h = JsonSerializer.Deserialize<StoredHistory>(line.Bytes!)!;
            return new CaseHistoryEntry(h.CaseId, DateTimeOffset.Parse(h.At, CultureInfo.InvariantCulture), h.Step, h.Input, h.Outcome);
        }).ToList();
    }

    public async Task<IReadOnlyDictionary<CaseState, int>> CountsAsync(CancellationToken cancellationToken)
    {
        var reply = await RunAsync(RedisCaseScripts.Counts, [keys.Cases, .. StateNames], cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<CaseState, int>();
        for (var i = 0; i < StateNames.Length; i++)
        {
            if (reply.Items[i].AsInt64() > 0)
            {
                result[Enum.Parse<CaseState>(StateNames[i])] = (int)reply.Items[i].AsInt64();
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<ReissueCase>> ByStateAsync(CaseState state, int max, CancellationToken cancellationToken) =>
        max <= 0
            ? []
            : (await RunAsync(RedisCaseScripts.ByState, [keys.Cases, state.ToString(), Number(max)], cancellationToken).ConfigureAwait(false)).Items.Select(Case).ToList();

    private async Task<bool> WriteAsync(ReissueCase c, IReadOnlyList<CaseHistoryEntry> entries, string mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfZero(entries.Count);
        var stored = c with { DueAt = Millis(c.DueAt), UpdatedAt = Millis(c.UpdatedAt) };
        var reply = await RunAsync(
            RedisCaseScripts.Save,
            [keys.Cases, c.CaseId, JsonSerializer.SerializeToUtf8Bytes(stored, Json), c.State.ToString(), Number(c.DueAt.ToUnixTimeMilliseconds()),
                Number(c.UpdatedAt.ToUnixTimeMilliseconds()), c.Phone ?? string.Empty, c.IsTerminal ? "1" : "0", History(entries[0]), mode,
                .. entries.Skip(1).Select(History)],
            cancellationToken).ConfigureAwait(false);
        return reply.AsInt64() == 1;
    }

    private static ReissueCase Case(RedisReply json) => JsonSerializer.Deserialize<ReissueCase>(json.Bytes!, Json)!;

    /// <summary>Times kept to the millisecond, as SQLite keeps them.</summary>
    private static DateTimeOffset Millis(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    private static byte[] History(CaseHistoryEntry e) =>
        JsonSerializer.SerializeToUtf8Bytes(new StoredHistory(e.CaseId, LocalClock.Format(e.At), e.Step, e.Input, e.Outcome));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static Task<RedisReply> CallAsync(Func<Task<RedisReply>> call) => SharedStoreUnavailable.GuardAsync(call, "the case store cannot be used");

    private Task<RedisReply> RunAsync(RedisScript script, IReadOnlyList<object> args, CancellationToken cancellationToken) =>
        CallAsync(() => script.EvaluateAsync(redis, keys.Cases + ":ord", args, cancellationToken));

    private sealed record StoredHistory(string CaseId, string At, string Step, string Input, string Outcome);
}

using ProactiveReissue.Queue.Redis;

namespace ProactiveReissue.Gateway.Distributed;

/// <summary>
/// Lua scripts of <see cref="RedisCaseStore"/>: a case, its indexes and its history lines change in one
/// script (atomic, one round trip). ARGV[1] is the family prefix pr:{cases}; every key derives from it.
/// </summary>
internal static class RedisCaseScripts
{
    /// <summary>
    /// ARGV: prefix, caseId, caseJson, state, dueMs, updatedMs, phone ('' for none), terminal (1/0), historyJson,
    /// mode (create: only if absent | save), then any further history lines (steps saved together). Returns 1 if
    /// written, 0 if create found the case.
    /// </summary>
    public static readonly RedisScript Save = new("""
        local p, id = ARGV[1], ARGV[2]
        local ck = p .. ':c:' .. id
        local old = redis.call('HMGET', ck, 'state', 'phone')
        if ARGV[10] == 'create' and old[1] then return 0 end
        if old[1] and old[1] ~= ARGV[4] then redis.call('ZREM', p .. ':state:' .. old[1], id) end
        if old[2] and old[2] ~= '' and old[2] ~= ARGV[7] then redis.call('SREM', p .. ':phone:' .. old[2], id) end
        local ord = redis.call('INCR', p .. ':ord')
        redis.call('HSET', ck, 'json', ARGV[3], 'state', ARGV[4], 'phone', ARGV[7], 'ord', ord)
        redis.call('ZADD', p .. ':state:' .. ARGV[4], ARGV[6], id)
        if ARGV[7] ~= '' then redis.call('SADD', p .. ':phone:' .. ARGV[7], id) end
        if ARGV[8] == '1' then redis.call('ZREM', p .. ':due', id) else redis.call('ZADD', p .. ':due', ARGV[5], id) end
        redis.call('RPUSH', p .. ':h:' .. id, ARGV[9], unpack(ARGV, 11))
        return 1
        """);

    /// <summary>ARGV: prefix, nowMs, max. Open cases due by now, earliest first.</summary>
    public static readonly RedisScript Due = new("""
        local p = ARGV[1]
        local out = {}
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', p .. ':due', '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))) do
          local j = redis.call('HGET', p .. ':c:' .. id, 'json')
          if j then out[#out + 1] = j end
        end
        return out
        """);

    /// <summary>ARGV: prefix, state, max. Cases in the state, least recently updated first.</summary>
    public static readonly RedisScript ByState = new("""
        local p = ARGV[1]
        local out = {}
        for _, id in ipairs(redis.call('ZRANGE', p .. ':state:' .. ARGV[2], 0, tonumber(ARGV[3]) - 1)) do
          local j = redis.call('HGET', p .. ':c:' .. id, 'json')
          if j then out[#out + 1] = j end
        end
        return out
        """);

    /// <summary>ARGV: prefix, phone. Every case that had the phone: {json, ord, json, ord, …}; the caller picks.</summary>
    public static readonly RedisScript ByPhone = new("""
        local p = ARGV[1]
        local out = {}
        for _, id in ipairs(redis.call('SMEMBERS', p .. ':phone:' .. ARGV[2])) do
          local f = redis.call('HMGET', p .. ':c:' .. id, 'json', 'ord')
          if f[1] then out[#out + 1] = f[1]; out[#out + 1] = f[2] end
        end
        return out
        """);

    /// <summary>ARGV: prefix, then state names. Returns the number of cases in each, in that order.</summary>
    public static readonly RedisScript Counts = new("""
        local p = ARGV[1]
        local out = {}
        for i = 2, #ARGV do out[i - 1] = redis.call('ZCARD', p .. ':state:' .. ARGV[i]) end
        return out
        """);
}

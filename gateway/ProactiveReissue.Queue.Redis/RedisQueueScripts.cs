namespace ProactiveReissue.Queue.Redis;

/// <summary>
/// The Lua scripts of <see cref="RedisQueueStore"/>: each store operation is one script, so it is atomic
/// (Redis runs one script at a time) and one round trip. ARGV[1] is the key prefix <c>q:{name}</c>; every
/// key derives from it and shares the hash tag <c>{name}</c>, so all of one queue lives in one cluster slot
/// (KEYS[1] is given only for routing). Times are Unix milliseconds from the gateway's TimeProvider,
/// never the Redis clock.
/// </summary>
internal static class RedisQueueScripts
{
    private const string Helpers = """
        local p = ARGV[1]
        local function pad(seq) return string.format('%019d', tonumber(seq)) end
        local function promote(lk)
          local head = redis.call('LINDEX', lk, 0)
          if head then
            local f = redis.call('HMGET', p .. ':msg:' .. head, 'nb', 'lu')
            redis.call('ZADD', p .. ':due', math.max(tonumber(f[1]) or 0, tonumber(f[2]) or 0), pad(head))
          end
        end
        local function unlink(key, seq)
          local lk = p .. ':key:' .. key
          local head = redis.call('LINDEX', lk, 0)
          redis.call('LREM', lk, 1, seq)
          if head == seq then
            redis.call('ZREM', p .. ':due', pad(seq))
            promote(lk)
          end
        end

        """;

    /// <summary>ARGV: prefix, now, maxBacklog, count, then (id, destination, key, contentType, payload) × count. Returns {stored|-1, backlog}.</summary>
    public static readonly RedisScript Enqueue = new(Helpers + """
        local now, max, n = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
        local seen, fresh = {}, {}
        for i = 0, n - 1 do
          local b = 5 + i * 5
          local id = ARGV[b]
          if not seen[id] and redis.call('HEXISTS', p .. ':ids', id) == 0 then
            seen[id] = true
            fresh[#fresh + 1] = b
          end
        end
        local backlog = tonumber(redis.call('GET', p .. ':backlog') or '0')
        if backlog + #fresh > max then return {-1, backlog} end
        for _, b in ipairs(fresh) do
          local seq = redis.call('INCR', p .. ':seq')
          redis.call('HSET', p .. ':msg:' .. seq, 'id', ARGV[b], 'dest', ARGV[b + 1], 'key', ARGV[b + 2], 'ct', ARGV[b + 3],
            'payload', ARGV[b + 4], 'enq', now, 'att', 0, 'nb', now, 'lu', 0, 'err', '', 'dead', 0)
          redis.call('HSET', p .. ':ids', ARGV[b], seq)
          if redis.call('RPUSH', p .. ':key:' .. ARGV[b + 2], seq) == 1 then
            redis.call('ZADD', p .. ':due', now, pad(seq))
          end
        end
        redis.call('INCRBY', p .. ':backlog', #fresh)
        return {#fresh, backlog + #fresh}
        """);

    /// <summary>ARGV: prefix, now, leaseUntil, max. Returns {{seq, id, dest, key, ct, payload, enq, att, err}, …}.</summary>
    public static readonly RedisScript Lease = new(Helpers + """
        local due = redis.call('ZRANGEBYSCORE', p .. ':due', '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[4]))
        local out = {}
        for _, m in ipairs(due) do
          local seq = tostring(tonumber(m))
          local h = p .. ':msg:' .. seq
          redis.call('HSET', h, 'lu', ARGV[3])
          redis.call('ZADD', p .. ':due', ARGV[3], m)
          local f = redis.call('HMGET', h, 'id', 'dest', 'key', 'ct', 'payload', 'enq', 'att', 'err')
          table.insert(f, 1, seq)
          out[#out + 1] = f
        end
        return out
        """);

    /// <summary>ARGV: prefix, seq. Removes a pending message; its key's next message becomes the head.</summary>
    public static readonly RedisScript Ack = new(Helpers + """
        local h = p .. ':msg:' .. ARGV[2]
        local f = redis.call('HMGET', h, 'id', 'key', 'dead')
        if not f[1] or f[3] == '1' then return 0 end
        unlink(f[2], ARGV[2])
        redis.call('DEL', h)
        redis.call('HDEL', p .. ':ids', f[1])
        redis.call('DECR', p .. ':backlog')
        return 1
        """);

    /// <summary>ARGV: prefix, seq, notBefore, error, attemptIncrement.</summary>
    public static readonly RedisScript Retry = new(Helpers + """
        local h = p .. ':msg:' .. ARGV[2]
        local f = redis.call('HMGET', h, 'key', 'dead')
        if not f[1] or f[2] == '1' then return 0 end
        redis.call('HINCRBY', h, 'att', tonumber(ARGV[5]))
        redis.call('HSET', h, 'nb', ARGV[3], 'lu', 0, 'err', ARGV[4])
        if redis.call('LINDEX', p .. ':key:' .. f[1], 0) == ARGV[2] then
          redis.call('ZADD', p .. ':due', ARGV[3], pad(ARGV[2]))
        end
        return 1
        """);

    /// <summary>ARGV: prefix, seq, reason. The message stays (with its messageId) in the dead-letter set.</summary>
    public static readonly RedisScript DeadLetter = new(Helpers + """
        local h = p .. ':msg:' .. ARGV[2]
        local f = redis.call('HMGET', h, 'key', 'dead')
        if not f[1] or f[2] == '1' then return 0 end
        unlink(f[1], ARGV[2])
        redis.call('HSET', h, 'dead', 1, 'err', ARGV[3], 'lu', 0)
        redis.call('HINCRBY', h, 'att', 1)
        redis.call('ZADD', p .. ':dead', tonumber(ARGV[2]), ARGV[2])
        redis.call('DECR', p .. ':backlog')
        return 1
        """);

    /// <summary>ARGV: prefix, max. Returns {{seq, id, dest, key, enq, att, err}, …} oldest first.</summary>
    public static readonly RedisScript DeadLetters = new(Helpers + """
        local out = {}
        for _, seq in ipairs(redis.call('ZRANGE', p .. ':dead', 0, tonumber(ARGV[2]) - 1)) do
          local f = redis.call('HMGET', p .. ':msg:' .. seq, 'id', 'dest', 'key', 'enq', 'att', 'err')
          table.insert(f, 1, seq)
          out[#out + 1] = f
        end
        return out
        """);

    /// <summary>ARGV: prefix, seq, now. Puts a dead letter back in its key's list at its sequence position.</summary>
    public static readonly RedisScript Replay = new(Helpers + """
        if redis.call('ZREM', p .. ':dead', ARGV[2]) == 0 then return 0 end
        local h = p .. ':msg:' .. ARGV[2]
        local key = redis.call('HGET', h, 'key')
        redis.call('HSET', h, 'dead', 0, 'att', 0, 'nb', ARGV[3], 'lu', 0)
        local lk = p .. ':key:' .. key
        local items = redis.call('LRANGE', lk, 0, -1)
        local seq = tonumber(ARGV[2])
        local after = nil
        for _, v in ipairs(items) do
          if tonumber(v) > seq then after = v break end
        end
        if after then redis.call('LINSERT', lk, 'BEFORE', after, ARGV[2]) else redis.call('RPUSH', lk, ARGV[2]) end
        if items[1] and items[1] == after then redis.call('ZREM', p .. ':due', pad(items[1])) end
        if redis.call('LINDEX', lk, 0) == ARGV[2] then promote(lk) end
        redis.call('INCR', p .. ':backlog')
        return 1
        """);
}

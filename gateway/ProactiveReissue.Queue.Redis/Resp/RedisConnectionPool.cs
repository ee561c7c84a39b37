namespace ProactiveReissue.Queue.Redis.Resp;

/// <summary>
/// A few multiplexed <see cref="RedisConnection"/>s used round-robin. A broken connection is replaced on
/// next use; while Redis stays unreachable, reconnects back off exponentially
/// (<see cref="RedisConnectionOptions.ReconnectMinBackoff"/> doubling to the maximum) and commands fail
/// fast with <see cref="RedisConnectionException"/> instead of queueing behind a dead server, so nothing
/// is acknowledged that was not stored and the gateway recovers by itself when Redis returns.
/// </summary>
public sealed class RedisConnectionPool : IRedisConnection
{
    private readonly RedisConnectionOptions _options;
    private readonly TimeProvider _time;
    private readonly Slot[] _slots;
    private int _next = -1;

    public RedisConnectionPool(RedisConnectionOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PoolSize, 1);
        _options = options;
        _time = time;
        _slots = Enumerable.Range(0, options.PoolSize).Select(_ => new Slot()).ToArray();
    }

    public async Task<RedisReply> ExecuteAsync(object[] args, CancellationToken cancellationToken)
    {
        var slot = _slots[(int)((uint)Interlocked.Increment(ref _next) % (uint)_slots.Length)];
        var connection = await GetConnectionAsync(slot, cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(args, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var slot in _slots)
        {
            if (slot.Connection is { } connection)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            slot.Lock.Dispose();
        }
    }

    private async Task<RedisConnection> GetConnectionAsync(Slot slot, CancellationToken cancellationToken)
    {
        if (slot.Connection is { IsBroken: false } healthy)
        {
            return healthy;
        }

        await slot.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (slot.Connection is { IsBroken: false } reconnected)
            {
                return reconnected;
            }

            if (slot.Connection is { } broken)
            {
                slot.Connection = null;
                await broken.DisposeAsync().ConfigureAwait(false);
            }

            var now = _time.GetUtcNow();
            if (now < slot.RetryAt)
            {
                throw new RedisConnectionException(
                    $"Redis at {_options.Host}:{_options.Port} is unreachable ({slot.LastError}); next connect attempt at {slot.RetryAt:O}.");
            }

            try
            {
                slot.Connection = await RedisConnection.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
                slot.Backoff = TimeSpan.Zero;
                slot.RetryAt = DateTimeOffset.MinValue;
                return slot.Connection;
            }
            catch (RedisConnectionException ex)
            {
                slot.Backoff = slot.Backoff == TimeSpan.Zero
                    ? _options.ReconnectMinBackoff
                    : TimeSpan.FromTicks(Math.Min(slot.Backoff.Ticks * 2, _options.ReconnectMaxBackoff.Ticks));
                slot.RetryAt = now + slot.Backoff;
                slot.LastError = ex.Message;
                throw;
            }
        }
        finally
        {
            slot.Lock.Release();
        }
    }

    private sealed class Slot
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public RedisConnection? Connection { get; set; }

        public TimeSpan Backoff { get; set; }

        public DateTimeOffset RetryAt { get; set; } = DateTimeOffset.MinValue;

        public string? LastError { get; set; }
    }
}

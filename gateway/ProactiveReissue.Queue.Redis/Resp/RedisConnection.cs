using System.Buffers;
using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;

namespace ProactiveReissue.Queue.Redis.Resp;

/// <summary>
/// One multiplexed RESP2 connection: any number of callers append commands to a shared output buffer and
/// one writer at a time sends whatever has accumulated in a single socket write (commands issued while a
/// write is under way go out together in the next one: pipelining without a syscall per command); one
/// reader loop completes the replies in the order the commands were written. A watchdog timer fails the
/// connection when the oldest command waits longer than the command timeout (no timer per command).
/// A broken, timed-out or closed connection fails everything in flight and stays <see cref="IsBroken"/>;
/// <see cref="RedisConnectionPool"/> replaces it.
/// </summary>
public sealed class RedisConnection : IRedisConnection
{
    private const int InitialBuffer = 16 * 1024;
    private const int MaxRetainedBuffer = 1024 * 1024;
    private const int InlineFlushRounds = 4;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly RespReader _reader;
    private readonly TimeSpan _commandTimeout;
    private readonly Queue<Pending> _inFlight = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closed = new();
    private readonly Timer _watchdog;
    private ArrayBufferWriter<byte> _pending = new(InitialBuffer);
    private ArrayBufferWriter<byte> _sending = new(InitialBuffer);
    private bool _flushing;
    private Task _readLoop = Task.CompletedTask;
    private Exception? _failure;

    private RedisConnection(Socket socket, Stream stream, TimeSpan commandTimeout)
    {
        _socket = socket;
        _stream = stream;
        _reader = new RespReader(stream);
        _commandTimeout = commandTimeout;
        var period = TimeSpan.FromTicks(Math.Clamp(commandTimeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _watchdog = new Timer(static state => ((RedisConnection)state!).CheckTimeout(), this, period, period);
    }

    public bool IsBroken => Volatile.Read(ref _failure) is not null;

    /// <summary>Connects, optionally over TLS, and authenticates.</summary>
    public static async Task<RedisConnection> ConnectAsync(RedisConnectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (options.UseTls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions { TargetHost = options.TlsHost ?? options.Host },
                    timeout.Token).ConfigureAwait(false);
                stream = tls;
            }

            var connection = new RedisConnection(socket, stream, options.CommandTimeout);
            connection._readLoop = connection.ReadLoopAsync();
            if (options.Password is not null)
            {
                object[] auth = options.User is null ? ["AUTH", options.Password] : ["AUTH", options.User, options.Password];
                try
                {
                    await connection.ExecuteAsync(auth, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }

            return connection;
        }
        catch (Exception ex)
        {
            socket.Dispose();
            if (ex is SocketException or OperationCanceledException or IOException or System.Security.Authentication.AuthenticationException
                && !cancellationToken.IsCancellationRequested)
            {
                throw new RedisConnectionException($"Cannot connect to Redis at {options.Host}:{options.Port}: {ex.Message}", ex);
            }

            throw;
        }
    }

    public async Task<RedisReply> ExecuteAsync(object[] args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(InitialBuffer);
        scratch.ResetWrittenCount();
        RespWriter.Write(scratch, args);
        var reply = new TaskCompletionSource<RedisReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool flush;
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw new RedisConnectionException($"The Redis connection is broken: {_failure.Message}", _failure);
            }

            // Appended and queued under one lock: the order of replies is the order in the buffer.
            _pending.Write(scratch.WrittenSpan);
            _inFlight.Enqueue(new Pending(reply, Stopwatch.GetTimestamp()));
            flush = !_flushing;
            _flushing = true;
        }

        if (scratch.Capacity > MaxRetainedBuffer)
        {
            t_scratch = null;
        }

        if (flush)
        {
            await FlushAsync(InlineFlushRounds).ConfigureAwait(false);
        }

        // Not cancellable once written (a half-sent command would desynchronise the connection); the caller
        // may stop waiting, the reply is then read and dropped.
        var result = cancellationToken.CanBeCanceled
            ? await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false)
            : await reply.Task.ConfigureAwait(false);
        if (result.Kind != RedisReplyKind.Error)
        {
            return result;
        }

        var text = result.Text ?? "ERR";
        throw IsServerUnavailable(text)
            ? new RedisConnectionException($"Redis cannot take commands now: {text}")
            : new RedisException(text);
    }

    /// <summary>
    /// Error replies that mean "the server cannot store anything right now" rather than "this command is wrong":
    /// still loading its AOF after a restart, a busy script, no master, persistence failing, memory full under
    /// noeviction. Callers treat them like an unreachable server: refuse fast, never acknowledge, retry later.
    /// </summary>
    private static bool IsServerUnavailable(string error) =>
        error.StartsWith("LOADING", StringComparison.Ordinal) || error.StartsWith("BUSY", StringComparison.Ordinal)
        || error.StartsWith("MASTERDOWN", StringComparison.Ordinal) || error.StartsWith("TRYAGAIN", StringComparison.Ordinal)
        || error.StartsWith("MISCONF", StringComparison.Ordinal) || error.StartsWith("OOM", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        Fail(new ObjectDisposedException(nameof(RedisConnection)));
        await _readLoop.ConfigureAwait(false);
        await _watchdog.DisposeAsync().ConfigureAwait(false);
        _closed.Dispose();
    }

    /// <summary>
    /// Sends what has accumulated, again and again until nothing is left; only one flusher runs at a time.
    /// The caller that started it sends a few rounds itself, then hands the loop to the thread pool so that
    /// its own reply is not held up by other callers' commands.
    /// </summary>
    private async Task FlushAsync(int rounds)
    {
        for (var round = 0; ; round++)
        {
            ArrayBufferWriter<byte> batch;
            lock (_gate)
            {
                if (_pending.WrittenCount == 0 || _failure is not null)
                {
                    _flushing = false;
                    return;
                }

                if (round == rounds)
                {
                    _ = Task.Run(() => FlushAsync(int.MaxValue));
                    return;
                }

                batch = _pending;
                _pending = _sending;
                _sending = batch;
            }

            try
            {
                await _stream.WriteAsync(batch.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
                await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or NotSupportedException)
            {
                Fail(ex);
                lock (_gate)
                {
                    _flushing = false;
                }

                return;
            }

            batch.ResetWrittenCount();
            if (batch.Capacity > MaxRetainedBuffer)
            {
                _sending = new ArrayBufferWriter<byte>(InitialBuffer);
            }
        }
    }

    private void CheckTimeout()
    {
        long oldest;
        lock (_gate)
        {
            if (_failure is not null || !_inFlight.TryPeek(out var pending))
            {
                return;
            }

            oldest = pending.Started;
        }

        if (Stopwatch.GetElapsedTime(oldest) > _commandTimeout)
        {
            // A late reply would be matched to the wrong caller: the connection is given up.
            Fail(new RedisConnectionException($"Redis did not answer within {_commandTimeout.TotalMilliseconds} ms."));
        }
    }

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                var reply = await _reader.ReadAsync(_closed.Token).ConfigureAwait(false);
                Pending waiter;
                bool found;
                lock (_gate)
                {
                    found = _inFlight.TryDequeue(out waiter);
                }

                if (!found)
                {
                    throw new RedisConnectionException("Protocol error: a reply nobody asked for.");
                }

                waiter.Reply.TrySetResult(reply);
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    private void Fail(Exception cause)
    {
        Pending[] pending;
        lock (_gate)
        {
            if (_failure is not null)
            {
                return;
            }

            _failure = cause;
            pending = [.. _inFlight];
            _inFlight.Clear();
        }

        var error = cause as RedisConnectionException ?? new RedisConnectionException($"The Redis connection broke: {cause.Message}", cause);
        foreach (var waiter in pending)
        {
            waiter.Reply.TrySetException(error);
        }

        _watchdog.Change(Timeout.Infinite, Timeout.Infinite);
        _closed.Cancel();
        _stream.Dispose();
        _socket.Dispose();
    }

    private readonly record struct Pending(TaskCompletionSource<RedisReply> Reply, long Started);
}

using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;

namespace ProactiveReissue.Queue.Redis.Resp;

/// <summary>
/// One multiplexed RESP2 connection: any number of callers write commands (pipelined, under a write
/// lock) and one reader loop completes their replies in the order the commands were written.
/// A broken, timed-out or closed connection fails everything in flight and stays <see cref="IsBroken"/>;
/// <see cref="RedisConnectionPool"/> replaces it.
/// </summary>
public sealed class RedisConnection : IRedisConnection
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly RespReader _reader;
    private readonly TimeSpan _commandTimeout;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Queue<TaskCompletionSource<RedisReply>> _inFlight = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closed = new();
    private Task _readLoop = Task.CompletedTask;
    private Exception? _failure;

    private RedisConnection(Socket socket, Stream stream, TimeSpan commandTimeout)
    {
        _socket = socket;
        _stream = stream;
        _reader = new RespReader(stream);
        _commandTimeout = commandTimeout;
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
        var buffer = new ArrayBufferWriter<byte>(256);
        RespWriter.Write(buffer, args);
        var reply = new TaskCompletionSource<RedisReply>(TaskCreationOptions.RunContinuationsAsynchronously);

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                if (_failure is not null)
                {
                    throw new RedisConnectionException($"The Redis connection is broken: {_failure.Message}", _failure);
                }

                _inFlight.Enqueue(reply);
            }

            // Not cancellable from here on: a half-written command would desynchronise the connection.
            await _stream.WriteAsync(buffer.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            Fail(ex);
        }
        finally
        {
            _writeLock.Release();
        }

        RedisReply result;
        try
        {
            result = await reply.Task.WaitAsync(_commandTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            // The reply may still come, but later replies would then be matched to the wrong callers.
            Fail(ex);
            throw new RedisConnectionException($"Redis did not answer within {_commandTimeout.TotalMilliseconds} ms.", ex);
        }

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
        _writeLock.Dispose();
        _closed.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                var reply = await _reader.ReadAsync(_closed.Token).ConfigureAwait(false);
                TaskCompletionSource<RedisReply>? waiter;
                lock (_gate)
                {
                    _inFlight.TryDequeue(out waiter);
                }

                if (waiter is null)
                {
                    throw new RedisConnectionException("Protocol error: a reply nobody asked for.");
                }

                waiter.TrySetResult(reply);
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    private void Fail(Exception cause)
    {
        TaskCompletionSource<RedisReply>[] pending;
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
            waiter.TrySetException(error);
        }

        _closed.Cancel();
        _stream.Dispose();
        _socket.Dispose();
    }
}

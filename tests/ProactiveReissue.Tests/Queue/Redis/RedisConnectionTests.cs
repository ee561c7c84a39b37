using System.Diagnostics;
using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Tests.Queue.Redis;

/// <summary>The RESP2 client against a real redis-server.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisConnectionTests(RedisServerFixture redis)
{
    private readonly string _key = $"conn-{Guid.NewGuid():N}";

    [Fact]
    public async Task Execute_ManyConcurrentCommandsOnOneConnection_EachGetsItsOwnReply()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Server.Options(), default);

        var replies = await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => connection.ExecuteAsync(["ECHO", $"reply-{i}"], default)));

        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => $"reply-{i}"), replies.Select(r => r.AsString()));
    }

    [Fact]
    public async Task Execute_LargeBinaryValue_RoundTripsByteForByte()
    {
        var value = new byte[3 * 1024 * 1024];
        new Random(42).NextBytes(value);

        await redis.Connection.ExecuteAsync(["SET", _key, value], default);
        var reply = await redis.Connection.ExecuteAsync(["GET", _key], default);

        Assert.Equal(RedisReplyKind.Bulk, reply.Kind);
        Assert.Equal(value, reply.Bytes);
    }

    [Fact]
    public async Task Execute_TypedReplies_IntegerNilArrayAndSimpleString()
    {
        var ok = await redis.Connection.ExecuteAsync(["SET", _key, "1"], default);
        var incremented = await redis.Connection.ExecuteAsync(["INCR", _key], default);
        var missing = await redis.Connection.ExecuteAsync(["GET", _key + ":missing"], default);
        var array = await redis.Connection.ExecuteAsync(["MGET", _key, _key + ":missing"], default);

        Assert.Equal("OK", ok.Text);
        Assert.Equal(2, incremented.Integer);
        Assert.True(missing.IsNil);
        Assert.Equal(["2", null], array.Items.Select(i => i.AsString()));
    }

    [Fact]
    public async Task Execute_ErrorReply_ThrowsWithTheServerTextAndTheConnectionStaysUsable()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Server.Options(), default);
        await connection.ExecuteAsync(["SET", _key, "not a number"], default);

        var error = await Assert.ThrowsAsync<RedisException>(() => connection.ExecuteAsync(["INCR", _key], default));
        var after = await connection.ExecuteAsync(["PING"], default);

        Assert.StartsWith("ERR value is not an integer", error.Message, StringComparison.Ordinal);
        Assert.Equal("PONG", after.Text);
    }

    [Fact]
    public async Task Execute_ServerDownThenRestarted_FailsFastThenReconnectsAndKeepsTheData()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var pool = new RedisConnectionPool(server.Options(), TimeProvider.System);
        await pool.ExecuteAsync(["SET", "kept", "yes"], default);

        server.Kill();
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<RedisConnectionException>(() => pool.ExecuteAsync(["GET", "kept"], default));
        var failedWithin = watch.Elapsed;
        await server.RestartAsync();
        var value = await EventuallyAsync(() => pool.ExecuteAsync(["GET", "kept"], default));

        Assert.True(failedWithin < TimeSpan.FromSeconds(3), $"took {failedWithin}");
        Assert.Equal("yes", value.AsString());
    }

    [Fact]
    public async Task Connect_RequirePass_AuthenticatesWithThePasswordAndRefusesAWrongOne()
    {
        await using var server = await RedisServerProcess.StartAsync(password: "s3cret");

        await using var good = await RedisConnection.ConnectAsync(server.Options(), default);
        var pong = await good.ExecuteAsync(["PING"], default);
        var refused = await Assert.ThrowsAsync<RedisException>(() => RedisConnection.ConnectAsync(server.Options("wrong"), default));
        await using var anonymous = await RedisConnection.ConnectAsync(new RedisConnectionOptions { Port = server.Port }, default);
        var denied = await Assert.ThrowsAsync<RedisException>(() => anonymous.ExecuteAsync(["GET", "x"], default));

        Assert.Equal("PONG", pong.Text);
        Assert.Contains("WRONGPASS", refused.Message, StringComparison.Ordinal);
        Assert.StartsWith("NOAUTH", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_ServerSilentBeyondTheTimeout_FailsWithAConnectionFaultAndThePoolRecovers()
    {
        await using var server = await RedisServerProcess.StartAsync();
        var options = server.Options();
        options.CommandTimeout = TimeSpan.FromMilliseconds(200);
        await using var pool = new RedisConnectionPool(options, TimeProvider.System);
        await using var admin = await RedisConnection.ConnectAsync(server.Options(), default);
        await pool.ExecuteAsync(["PING"], default);

        await admin.ExecuteAsync(["CLIENT", "PAUSE", "800", "ALL"], default);
        var timedOut = await Assert.ThrowsAsync<RedisConnectionException>(() => pool.ExecuteAsync(["PING"], default));
        await Task.Delay(1_000);
        var after = await EventuallyAsync(() => pool.ExecuteAsync(["PING"], default));

        Assert.Contains("did not answer", timedOut.Message, StringComparison.Ordinal);
        Assert.Equal("PONG", after.Text);
    }

    private static async Task<RedisReply> EventuallyAsync(Func<Task<RedisReply>> action)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (RedisConnectionException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }
}

using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Tests.Queue.Redis;

/// <summary>The connection's coalesced writes: many callers' commands share socket writes, each still gets its own reply.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisPipelineTests(RedisServerFixture redis)
{
    private readonly string _key = $"pipe-{Guid.NewGuid():N}";

    [Fact]
    public async Task Execute_ConcurrentCommandsLargerThanOneRead_EachGetsItsOwnValueBack()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Server.Options(), default);
        var values = Enumerable.Range(0, 500).Select(i => new string((char)('a' + (i % 26)), 1_000 + i)).ToArray();

        await Task.WhenAll(values.Select((v, i) => Task.Run(() => connection.ExecuteAsync(["SET", $"{_key}:{i}", v], default))));
        var replies = await Task.WhenAll(values.Select((_, i) => Task.Run(() => connection.ExecuteAsync(["GET", $"{_key}:{i}"], default))));

        Assert.Equal(values, replies.Select(r => r.AsString()));
    }

    [Fact]
    public async Task Execute_UnsupportedArgument_ThrowsBeforeSendingAndTheConnectionStaysInStep()
    {
        await using var connection = await RedisConnection.ConnectAsync(redis.Server.Options(), default);

        await Assert.ThrowsAsync<ArgumentException>(() => connection.ExecuteAsync(["SET", _key, new object()], default));
        var echo = await connection.ExecuteAsync(["ECHO", "still in step"], default);
        var number = await connection.ExecuteAsync(["INCRBY", _key + ":n", 42L], default);

        Assert.False(connection.IsBroken);
        Assert.Equal("still in step", echo.AsString());
        Assert.Equal(42, number.Integer);
    }
}

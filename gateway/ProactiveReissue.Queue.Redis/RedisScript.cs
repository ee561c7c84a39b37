using System.Security.Cryptography;
using System.Text;
using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Queue.Redis;

/// <summary>A Lua script run atomically by Redis: EVALSHA, falling back to EVAL once after a NOSCRIPT (restart, SCRIPT FLUSH).</summary>
public sealed class RedisScript(string source)
{
    private readonly string _sha = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(source)));

    public string Source { get; } = source;

    public async Task<RedisReply> EvaluateAsync(IRedisConnection redis, string routingKey, IReadOnlyList<object> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            return await redis.ExecuteAsync(Command("EVALSHA", _sha, routingKey, args), cancellationToken).ConfigureAwait(false);
        }
        catch (RedisException ex) when (ex is not RedisConnectionException && ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await redis.ExecuteAsync(Command("EVAL", Source, routingKey, args), cancellationToken).ConfigureAwait(false);
        }
    }

    private static object[] Command(string verb, string script, string routingKey, IReadOnlyList<object> args)
    {
        var command = new object[4 + args.Count];
        command[0] = verb;
        command[1] = script;
        command[2] = "1";
        command[3] = routingKey;
        for (var i = 0; i < args.Count; i++)
        {
            command[4 + i] = args[i];
        }

        return command;
    }
}

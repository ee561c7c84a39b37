using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ProactiveReissue.Queue.Redis.Resp;

namespace ProactiveReissue.Gateway.Options;

/// <summary>
/// Start-up checks of Gateway:Store and Gateway:Queue together: which store each part uses, and that a
/// Redis it needs is named. Each failure is a sentence naming the setting.
/// </summary>
public sealed class StoreOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // DataAnnotations on the nested section are not checked by ValidateDataAnnotations; check them here.
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options.Store, new ValidationContext(options.Store), results, validateAllProperties: true);
        var failures = results.Select(r => r.ErrorMessage!.StartsWith("Gateway:", StringComparison.Ordinal) ? r.ErrorMessage : "Gateway:Store: " + r.ErrorMessage).ToList();
        if (options.Queue.Store is not null and not StoreOptions.Sqlite and not StoreOptions.RedisProvider)
        {
            failures.Add($"Gateway:Queue:Store is '{options.Queue.Store}': it must be sqlite or redis, or be left out to follow Gateway:Store:Provider.");
        }

        if (options.Store.IsRedis)
        {
            if (options.Store.Redis is null)
            {
                failures.Add("Gateway:Store:Provider is redis but Gateway:Store:Redis is not set: give at least Gateway:Store:Redis:Host and Gateway:Store:Redis:Port of the Redis every instance shares.");
            }

            if (options.Queue.Store == StoreOptions.Sqlite)
            {
                failures.Add("Gateway:Queue:Store is sqlite while Gateway:Store:Provider is redis: each instance would keep its own queue and messages accepted by a stopped instance would wait for it. Remove Gateway:Queue:Store (the queue follows the store) or set it to redis.");
            }
        }

        CheckRedis(options.Store.Redis, "Gateway:Store:Redis", failures);
        CheckRedis(options.Queue.Redis, "Gateway:Queue:Redis", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>sqlite or redis: the explicit Gateway:Queue:Store, else the store's provider.</summary>
    public static string QueueProvider(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Queue.Store ?? options.Store.Provider;
    }

    /// <summary>The queue's Redis: Gateway:Queue:Redis if given, else the shared Gateway:Store:Redis, else 127.0.0.1:6379.</summary>
    public static RedisConnectionOptions QueueRedis(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Queue.Redis ?? options.Store.Redis ?? new RedisConnectionOptions();
    }

    private static void CheckRedis(RedisConnectionOptions? redis, string setting, List<string> failures)
    {
        if (redis is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(redis.Host))
        {
            failures.Add($"{setting}:Host is empty: name the Redis server (host name or address).");
        }

        if (redis.Port is < 1 or > 65535)
        {
            failures.Add($"{setting}:Port is {redis.Port}: it must be between 1 and 65535.");
        }

        if (redis.PoolSize < 1)
        {
            failures.Add($"{setting}:PoolSize is {redis.PoolSize}: at least one connection is needed.");
        }

        if (redis.CommandTimeout <= TimeSpan.Zero || redis.ConnectTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{setting}:CommandTimeout and ConnectTimeout must be positive.");
        }
    }
}

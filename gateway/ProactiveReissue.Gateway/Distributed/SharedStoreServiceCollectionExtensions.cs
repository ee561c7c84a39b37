using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using ProactiveReissue.Gateway.Async;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Gateway.Reissue;
using ProactiveReissue.Gateway.Storage;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Redis;
using ProactiveReissue.Queue.Redis.Resp;
using ProactiveReissue.Queue.Sqlite;
using ProactiveReissue.Reissue.Cases;

namespace ProactiveReissue.Gateway.Distributed;

/// <summary>
/// Where everything the gateway must not lose lives (Gateway:Store:Provider): per instance in SQLite files,
/// or shared by every instance in one Redis — journal, replay window, queue, asynchronous messages, cases and
/// timers, case leases, the adapters' cache. docs/distributed.md has the layout.
/// </summary>
public static class SharedStoreServiceCollectionExtensions
{
    public static IServiceCollection AddSharedStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<GatewayOptions>, StoreOptionsValidator>();
        var redis = string.Equals(configuration["Gateway:Store:Provider"], StoreOptions.RedisProvider, StringComparison.Ordinal);
        if (redis)
        {
            services.AddSingleton(sp => new SharedRedis(
                Options(sp).Store.Redis ?? throw new InvalidOperationException("Gateway:Store:Provider is redis but Gateway:Store:Redis is not set."),
                Options(sp).Store.KeyPrefix,
                sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IMessageJournal>(sp => new RedisMessageJournal(Shared(sp).Connection, Shared(sp).Keys, TimeSpan.FromDays(Options(sp).Store.JournalRetentionDays)));
            services.AddSingleton<IReplayWindow>(sp => new RedisReplayWindow(
                Shared(sp).Connection, Shared(sp).Keys, sp.GetRequiredService<TimeProvider>(), TimeSpan.FromMinutes(Options(sp).Security.ReplayWindowMinutes)));
            services.AddSingleton<ICaseStore>(sp => new RedisCaseStore(Shared(sp).Connection, Shared(sp).Keys));
            services.AddSingleton<ICaseLease>(sp => new RedisCaseLease(Shared(sp).Connection, Shared(sp).Keys, TimeSpan.FromSeconds(Options(sp).Store.CaseLeaseSeconds)));
            services.AddSingleton<IFeedPollTurn>(sp => new RedisFeedPollTurn(Shared(sp).Connection, Shared(sp).Keys));
            services.AddSingleton<IDistributedCache>(sp => new RedisDistributedCache(Shared(sp).Connection, Shared(sp).Keys, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IAsyncMessageStore>(sp => new RedisAsyncMessageStore(Shared(sp).Connection, Shared(sp).Keys, TimeSpan.FromDays(Options(sp).Store.JournalRetentionDays)));
        }
        else
        {
            services.AddSingleton<IMessageJournal>(sp => new SqliteMessageJournal(Options(sp).Store.SqlitePath));
            services.AddSingleton(sp =>
            {
                var guard = new ReplayGuard(sp.GetRequiredService<TimeProvider>(), TimeSpan.FromMinutes(Options(sp).Security.ReplayWindowMinutes));
                var since = sp.GetRequiredService<TimeProvider>().GetUtcNow() - guard.Window;
                guard.Seed(sp.GetRequiredService<IMessageJournal>().RecentRequestsAsync(since, CancellationToken.None).GetAwaiter().GetResult());
                return guard;
            });
            services.AddSingleton<IReplayWindow>(sp => sp.GetRequiredService<ReplayGuard>());
            services.AddSingleton<ICaseLease, LocalCaseLease>();
            services.AddSingleton<IFeedPollTurn, LocalFeedPollTurn>();
            services.AddSingleton(sp => new SqliteWriter(Options(sp).Store.AsyncSqlitePath, AsyncMessageStore.Schema));
            services.AddSingleton<IAsyncMessageStore, AsyncMessageStore>();
        }

        services.AddSingleton<IQueueStore>(sp =>
        {
            var options = Options(sp);
            var queue = options.Queue;
            var time = sp.GetRequiredService<TimeProvider>();
            if (StoreOptionsValidator.QueueProvider(options) != StoreOptions.RedisProvider)
            {
                return new SqliteQueueStore(queue.SqlitePath, time, queue.MaxBacklog);
            }

            // The queue shares the stores' connection unless Gateway:Queue:Redis names its own server.
            return queue.Redis is null && sp.GetService<SharedRedis>() is { } shared
                ? new RedisQueueStore(shared.Connection, queue.RedisQueueName, time, queue.MaxBacklog)
                : new RedisQueueStore(new RedisConnectionPool(StoreOptionsValidator.QueueRedis(options), time), queue.RedisQueueName, time, queue.MaxBacklog, ownsConnection: true);
        });
        return services;
    }

    private static GatewayOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<GatewayOptions>>().Value;

    private static SharedRedis Shared(IServiceProvider sp) => sp.GetRequiredService<SharedRedis>();
}

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Delivery;
using ProactiveReissue.Queue.Sqlite;

namespace ProactiveReissue.IntegrationTests.Queue;

/// <summary>
/// Monitoring rules §9 against the real WireMock: while the receiver answers 503 and then resets
/// connections, messages accumulate; once it recovers, every one is delivered, in order per key.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DeliveryOutageTests(GatewayFixture fixture) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-outage-").FullName;

    private static DeliveryOptions FastRetries => new()
    {
        MaxConcurrency = 16,
        BaseDelay = TimeSpan.FromMilliseconds(50),
        MaxDelay = TimeSpan.FromMilliseconds(400),
        BreakerFailures = 3,
        BreakerPause = TimeSpan.FromMilliseconds(300),
        AttemptTimeout = TimeSpan.FromSeconds(2),
        IdlePoll = TimeSpan.FromMilliseconds(20),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Deliver_ReceiverDownThenBack_DeliversEverythingInOrderPerKey()
    {
        var path = "/queue/outage-" + Guid.NewGuid().ToString("N");
        var url = fixture.WireMock.BaseUrl + path;
        await fixture.WireMock.AddMappingAsync(Mapping(path, 10, new { status = 200 }));
        var unavailable = await fixture.WireMock.AddMappingAsync(Mapping(path, 1, new { status = 503, headers = new Dictionary<string, string> { ["Retry-After"] = "0" } }));
        await using var store = new SqliteQueueStore(Path.Combine(_directory, "queue.db"), TimeProvider.System);
        var observer = new RecordingObserver();
        using var http = new HttpClient();
        var worker = new DeliveryWorker(store, new HttpDeliveryTransport(http, TimeSpan.FromSeconds(2), TimeProvider.System), observer, FastRetries, TimeProvider.System, "test");
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);

        var messages = Enumerable.Range(0, 300).Select(i => new OutboundMessage($"m-{i:D4}", url, $"application-{i % 10}", "application/json",
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { key = $"application-{i % 10}", n = i })))).ToList();
        await store.EnqueueAsync(messages, default);
        await Task.Delay(1500);
        var resetting = await fixture.WireMock.AddMappingAsync(Mapping(path, 1, new { fault = "CONNECTION_RESET_BY_PEER" }));
        await fixture.WireMock.RemoveMappingAsync(unavailable);
        await Task.Delay(1500);
        var backlogDuringOutage = await store.BacklogAsync(default);
        await fixture.WireMock.RemoveMappingAsync(resetting);
        var clock = Stopwatch.StartNew();
        while (await store.BacklogAsync(default) > 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await running;

        Assert.True(backlogDuringOutage > 250, $"messages should accumulate during the outage, backlog was {backlogDuringOutage}");
        Assert.Equal(0, await store.BacklogAsync(default));
        Assert.Empty(observer.DeadLetters);
        Assert.Contains(observer.Attempts, a => a.Error == "HTTP 503");
        Assert.Contains(observer.Attempts, a => a.Outcome == DeliveryOutcome.RetryLater && a.Error != "HTTP 503");
        var delivered = (await fixture.WireMock.ReceivedAsync(path)).Where(r => r.Status == 200).ToList();
        Assert.Equal(300, delivered.Select(r => r.MessageId).Distinct().Count());
        foreach (var key in delivered.GroupBy(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("key").GetString()))
        {
            var order = key.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("n").GetInt32()).Distinct().ToList();
            Assert.Equal(order.Order().ToList(), order);
        }
    }

    [Fact]
    public async Task Deliver_ReceiverRefuses_DeadLettersAndReplayDelivers()
    {
        var path = "/queue/refused-" + Guid.NewGuid().ToString("N");
        var url = fixture.WireMock.BaseUrl + path;
        await fixture.WireMock.AddMappingAsync(Mapping(path, 10, new { status = 200 }));
        var refusing = await fixture.WireMock.AddMappingAsync(Mapping(path, 1, new { status = 400 }));
        await using var store = new SqliteQueueStore(Path.Combine(_directory, "refused.db"), TimeProvider.System);
        var observer = new RecordingObserver();
        using var http = new HttpClient();
        var worker = new DeliveryWorker(store, new HttpDeliveryTransport(http, TimeSpan.FromSeconds(2), TimeProvider.System), observer, FastRetries, TimeProvider.System, "test");
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);

        await store.EnqueueAsync([new OutboundMessage("refused-1", url, "k", "application/json", "{}"u8.ToArray())], default);
        await WaitUntilAsync(() => !observer.DeadLetters.IsEmpty);
        var dead = await store.DeadLettersAsync(10, default);
        await fixture.WireMock.RemoveMappingAsync(refusing);
        await store.ReplayAsync(dead.Single().Sequence, default);
        await WaitUntilAsync(() => observer.Attempts.Any(a => a.Outcome == DeliveryOutcome.Delivered));
        await stop.CancelAsync();
        await running;

        Assert.Equal("refused-1", dead.Single().MessageId);
        Assert.StartsWith("HTTP 400", dead.Single().Reason, StringComparison.Ordinal);
        Assert.Equal(0, await store.BacklogAsync(default));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "condition not reached within 30 s");
    }

    private static string Mapping(string path, int priority, object response) => JsonSerializer.Serialize(new
    {
        priority,
        request = new { method = "POST", urlPath = path },
        response,
    });
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Tests.Queue.Redis;

namespace ProactiveReissue.IntegrationTests.Distributed;

/// <summary>
/// Redis restarted mid-burst (issue 6): a gateway process with its queue on redis-server (AOF on,
/// appendfsync always); during a burst of sendMessage the server is killed with SIGKILL and started again
/// on the same directory and port. What the gateway acknowledged was in the AOF before the answer left,
/// so it is all delivered; what arrived while Redis was down was refused with SCE044, never acknowledged;
/// and the gateway takes messages again by itself once Redis is back.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RedisRestartTests(GatewayFixture fixture)
{
    private const int Burst = 2_400;

    [Fact]
    public async Task SendMessage_RedisKilledAndRestartedMidBurst_EveryAcknowledgedMessageIsDeliveredAndTheRestRefusedWithSce044()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var receiverPath = "/redis-restart/receiver-" + Guid.NewGuid().ToString("N");
        // Until Redis is back the receiver answers 503: every message acknowledged before the kill is still in
        // Redis when it dies (the worker retries it), so it reaches the receiver only if the AOF kept it.
        var refusing = await fixture.WireMock.AddMappingAsync(JsonSerializer.Serialize(new { priority = 1, request = new { method = "POST", urlPath = receiverPath }, response = new { status = 503 } }));
        await fixture.WireMock.AddMappingAsync(JsonSerializer.Serialize(new { priority = 2, request = new { method = "POST", urlPath = receiverPath }, response = new { status = 200 } }));
        var requests = new byte[Burst][];
        Parallel.For(0, Burst, i => requests[i] = DistributedGateway.Send(fixture, "REQUEST", i, 0));
        using var gateway = await GatewayChildProcess.StartAsync(await DistributedGateway.WriteSettingsAsync(fixture, fixture.WireMock.BaseUrl + receiverPath, redis.Port), FreePort.Next());

        var acknowledged = new ConcurrentDictionary<string, bool>();
        var refused = new ConcurrentBag<AsyncSendOutcome>();
        var next = -1;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var senders = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Burst)
            {
                var outcome = await AsyncSend.PostAsync(http, gateway.BaseUrl, requests[i]);
                if (outcome.Acknowledged)
                {
                    acknowledged[outcome.MessageId!] = true;
                }
                else
                {
                    refused.Add(outcome);
                }
            }
        })).ToArray();
        while (acknowledged.Count < Burst * 3 / 10 && !senders.All(s => s.IsCompleted))
        {
            await Task.Delay(20);
        }

        redis.Kill();
        var acknowledgedBeforeKill = acknowledged.Count;
        var down = Stopwatch.StartNew();
        while (refused.IsEmpty && down.Elapsed < TimeSpan.FromSeconds(5) && !senders.All(s => s.IsCompleted))
        {
            await Task.Delay(20);
        }

        await Task.Delay(300); // a little longer down, so that sends keep meeting the dead server
        await redis.RestartAsync();
        var acknowledgedBeforeRestart = acknowledged.Count;
        await fixture.WireMock.RemoveMappingAsync(refusing);
        await Task.WhenAll(senders);

        var clock = Stopwatch.StartNew();
        IReadOnlyList<(int Status, string Body, string? MessageId)> received = [];
        HashSet<string?> delivered = [];
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            received = await fixture.WireMock.ReceivedAsync(receiverPath);
            delivered = received.Where(r => r.Status == 200).Select(r => r.MessageId).ToHashSet();
            if (acknowledged.Keys.All(delivered.Contains))
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.True(acknowledgedBeforeKill >= Burst * 3 / 10, $"acknowledged before the kill: {acknowledgedBeforeKill}");
        Assert.True(acknowledged.Count > acknowledgedBeforeRestart, "nothing was acknowledged after Redis came back");
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(r.FaultCode == "SCE044", $"refused with {r.Status} {r.FaultCode ?? "(no answer)"} instead of SCE044"));
        Assert.Equal(Burst, acknowledged.Count + refused.Count);
        var lost = acknowledged.Keys.Where(id => !delivered.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged messages never reached the receiver, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.All(received, r => Assert.Contains($"<messageId>{r.MessageId}</messageId>", r.Body, StringComparison.Ordinal));
    }
}

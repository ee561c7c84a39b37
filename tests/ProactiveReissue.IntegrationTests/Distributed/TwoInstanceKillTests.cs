using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Tests.Queue.Redis;

namespace ProactiveReissue.IntegrationTests.Distributed;

/// <summary>
/// Distributed mode (issue 6): two gateway processes share one redis-server (AOF, appendfsync always) as
/// their outbound queue and push to one WireMock receiver. A burst of conversations (a REQUEST and its
/// UPDATEs, one ordering key each) goes through both; one instance is killed with SIGKILL mid-burst. The
/// survivor leases again what the dead one had leased once those leases run out, and delivers everything:
/// every acknowledged messageId reaches the receiver, a message received twice carries its own messageId,
/// and within a conversation the receiver sees the messages in the order they were acknowledged.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class TwoInstanceKillTests(GatewayFixture fixture)
{
    private const int Conversations = 750;
    private const int PerConversation = 4; // REQUEST + 3 UPDATEs, all under the REQUEST's correlationId
    private const int Total = Conversations * PerConversation;

    [Fact]
    public async Task SendMessage_OneOfTwoInstancesKilledMidBurst_SurvivorDeliversEveryAcknowledgedMessageInOrder()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var receiverPath = "/two-instance/receiver-" + Guid.NewGuid().ToString("N");
        // A receiver slower than the burst, so that a backlog builds up and the instance killed holds leases on
        // messages it had not posted yet: only the survivor can deliver those, once the leases run out.
        await fixture.WireMock.AddMappingAsync(JsonSerializer.Serialize(new { priority = 1, request = new { method = "POST", urlPath = receiverPath }, response = new { status = 200, fixedDelayMilliseconds = 150 } }));
        var receiverUrl = fixture.WireMock.BaseUrl + receiverPath;
        var requests = new byte[Conversations][];
        Parallel.For(0, Conversations, c => requests[c] = DistributedGateway.Send(fixture, "REQUEST", c, 0));
        // Instance A also delivers with few loops (4 against 150 ms: under 30 messages/s while it accepts hundreds), so
        // that it holds acknowledged, undelivered messages when it is killed however fast the machine runs; with 64
        // loops a quick drain sometimes emptied its share before the kill, and the test then proved nothing.
        using var a = await GatewayChildProcess.StartAsync(await DistributedGateway.WriteSettingsAsync(fixture, receiverUrl, redis.Port, maxConcurrency: 4), FreePort.Next());
        using var b = await GatewayChildProcess.StartAsync(await DistributedGateway.WriteSettingsAsync(fixture, receiverUrl, redis.Port), FreePort.Next());

        // Conversations alternate between the instances, each one sticking to the instance that accepted its
        // REQUEST (its UPDATEs are checked against that instance's async store); once A is dead, new ones go to B.
        var acknowledged = new ConcurrentDictionary<string, (int Conversation, int Index, char By)>();
        var aDead = 0;
        var next = -1;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var senders = Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            int c;
            while ((c = Interlocked.Increment(ref next)) < Conversations)
            {
                var (instance, by) = c % 2 == 0 && Volatile.Read(ref aDead) == 0 ? (a, 'A') : (b, 'B');
                var request = await AsyncSend.PostAsync(http, instance.BaseUrl, requests[c]);
                if (!request.Acknowledged)
                {
                    continue;
                }

                acknowledged[request.MessageId!] = (c, 0, by);
                for (var i = 1; i < PerConversation; i++)
                {
                    var update = await AsyncSend.PostAsync(http, instance.BaseUrl, DistributedGateway.Send(fixture, "UPDATE", c, i, request.MessageId));
                    if (!update.Acknowledged)
                    {
                        break; // the instance died: the rest of this conversation is not acknowledged
                    }

                    acknowledged[update.MessageId!] = (c, i, by);
                }
            }
        })).ToArray();
        while (acknowledged.Count < Total * 4 / 10 && !senders.All(s => s.IsCompleted))
        {
            await Task.Delay(20);
        }

        a.KillHard();
        Volatile.Write(ref aDead, 1);
        var byABeforeKill = acknowledged.Values.Count(v => v.By == 'A');
        var receivedAtKill = (await fixture.WireMock.FindAsync(receiverPath)).Select(r => r.MessageId).ToHashSet();
        var fromAUndeliveredAtKill = acknowledged.Where(m => m.Value.By == 'A' && !receivedAtKill.Contains(m.Key)).Select(m => m.Key).ToList();
        await Task.WhenAll(senders);

        var received = await WaitForDeliveriesAsync(receiverPath, acknowledged.Keys, TimeSpan.FromMinutes(3));
        var delivered = received.Select(r => r.MessageId).ToHashSet();

        Assert.True(byABeforeKill >= Total / 10, $"instance A acknowledged only {byABeforeKill} messages before it was killed");
        Assert.True(acknowledged.Values.Count(v => v.By == 'B') > Total / 10, "instance B acknowledged too little of the burst");
        Assert.True(fromAUndeliveredAtKill.Count > 0, "everything instance A accepted had already reached the receiver when it was killed: nothing was left for the survivor");
        var lost = acknowledged.Keys.Where(id => !delivered.Contains(id)).ToList();
        Assert.True(lost.Count == 0,
            $"{lost.Count} of {acknowledged.Count} acknowledged messages never reached the receiver ({lost.Count(id => acknowledged[id].By == 'A')} accepted by the killed instance, which had left {fromAUndeliveredAtKill.Count} undelivered), e.g. {string.Join(", ", lost.Take(5))}");
        Assert.All(received, r => Assert.Contains($"<messageId>{r.MessageId}</messageId>", r.Body, StringComparison.Ordinal));
        var disorder = OutOfOrder(received, acknowledged);
        Assert.True(disorder.Count == 0, $"{disorder.Count} conversations were received out of order, e.g. {string.Join("; ", disorder.Take(3))}");
    }

    /// <summary>Conversations whose acknowledged messages reached the receiver in another order than sent (a repeat of the latest one is fine).</summary>
    private static List<string> OutOfOrder(IReadOnlyList<(string Body, string MessageId)> received, ConcurrentDictionary<string, (int Conversation, int Index, char By)> acknowledged)
    {
        var latest = new Dictionary<int, int>();
        var disorder = new List<string>();
        foreach (var (_, id) in received)
        {
            if (!acknowledged.TryGetValue(id, out var sent))
            {
                continue; // stored but not acknowledged (the instance died before it answered): no order promised to the sender
            }

            if (latest.TryGetValue(sent.Conversation, out var before) && sent.Index < before)
            {
                disorder.Add($"conversation {sent.Conversation}: message {sent.Index} after {before}");
            }

            latest[sent.Conversation] = Math.Max(before, sent.Index);
        }

        return disorder;
    }

    private async Task<IReadOnlyList<(string Body, string MessageId)>> WaitForDeliveriesAsync(string receiverPath, ICollection<string> expected, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<(string Body, string MessageId)> received = [];
        while (clock.Elapsed < limit)
        {
            received = (await fixture.WireMock.FindAsync(receiverPath)).Where(r => r.MessageId is not null).Select(r => (r.Body, r.MessageId!)).ToList();
            var ids = received.Select(r => r.MessageId).ToHashSet();
            if (expected.All(ids.Contains))
            {
                break;
            }

            await Task.Delay(500);
        }

        return received;
    }
}

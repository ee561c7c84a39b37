using System.Net;
using ProactiveReissue.Gateway;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Sqlite;

namespace ProactiveReissue.IntegrationTests.Queue;

/// <summary>A full queue refuses fast with SCE040 and says so in /health/ready; the queue command replays dead letters.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BackpressureTests(GatewayFixture fixture)
{
    [Fact]
    public async Task SendMessage_QueueAtItsBound_IsRefusedWithSce040AndReadinessSaysFull()
    {
        await using var gateway = await InProcessGateway.StartAsync(fixture, new
        {
            Participants = new object[]
            {
                new { SenderId = "BP_CLIENT", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.ClientBin, Services = new[] { "BP" } },
                new { SenderId = "BP_RECEIVER", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.OtherBin, Services = Array.Empty<string>(), PushUrl = $"http://127.0.0.1:{FreePort.Next()}/down" },
            },
            Services = new[] { new { ServiceId = "BP", Recipient = "BP_RECEIVER" } },
            Queue = new { MaxBacklog = 3, DeliveryEnabled = false },
        });
        var baseUrl = gateway.BaseUrl;
        var client = gateway.AsyncClient(fixture);

        var codes = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            var answer = await client.PostAsync(ShepTestClient.Signed(AsyncEnvelopes.Send("BP", "REQUEST", "BP_CLIENT", fixture.Password), fixture.Pki.Client));
            codes.Add(answer.FaultCode);
        }

        using var ready = await fixture.Client.Http.GetAsync(baseUrl + "/health/ready");
        var readiness = await ready.Content.ReadAsStringAsync();

        Assert.Equal(new string?[] { null, null, null, "SCE040", "SCE040" }, codes);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("full (3 undelivered, limit 3)", readiness, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueCommand_Replay_PutsADeadLetterBack()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pr-cmd-").FullName, "queue.db");
        long sequence;
        await using (var store = new SqliteQueueStore(path, TimeProvider.System))
        {
            await store.EnqueueAsync([new OutboundMessage("dead-1", "http://127.0.0.1:9/x", "k", "text/xml", "<x/>"u8.ToArray())], default);
            sequence = (await store.LeaseAsync("w", 1, TimeSpan.FromMinutes(1), default)).Single().Sequence;
            await store.DeadLetterAsync(sequence, "HTTP 400", default);
        }

        var listed = await QueueCommand.RunAsync(["queue", "dead-letters", "--db", path]);
        var replayed = await QueueCommand.RunAsync(["queue", "replay", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", path]);
        var again = await QueueCommand.RunAsync(["queue", "replay", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", path]);

        Assert.Equal(0, listed);
        Assert.Equal(0, replayed);
        Assert.Equal(1, again);
        await using var reopened = new SqliteQueueStore(path, TimeProvider.System);
        Assert.Equal(1, await reopened.BacklogAsync(default));
    }
}

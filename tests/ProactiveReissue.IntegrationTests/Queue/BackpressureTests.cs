using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
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
        var directory = Directory.CreateTempSubdirectory("pr-bp-").FullName;
        var settings = Path.Combine(directory, "settings.json");
        await File.WriteAllTextAsync(settings, JsonSerializer.Serialize(new
        {
            Serilog = new { MinimumLevel = new { Default = "Warning" } },
            Gateway = new
            {
                Pki = new { Directory = directory },
                Signing = new { CertificatePath = fixture.Pki.GatewayPfxPath, CertificatePassword = TestPki.GatewayPfxPassword },
                Trust = new { RootCertificates = new[] { fixture.Pki.RootPath } },
                Participants = new object[]
                {
                    new { SenderId = "BP_CLIENT", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.ClientBin, Services = new[] { "BP" } },
                    new { SenderId = "BP_RECEIVER", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.OtherBin, Services = Array.Empty<string>(), PushUrl = $"http://127.0.0.1:{FreePort.Next()}/down" },
                },
                Services = new[] { new { ServiceId = "BP", Recipient = "BP_RECEIVER" } },
                Store = new { SqlitePath = Path.Combine(directory, "gateway.db"), AsyncSqlitePath = Path.Combine(directory, "async.db") },
                Queue = new { SqlitePath = Path.Combine(directory, "queue.db"), MaxBacklog = 3, DeliveryEnabled = false },
            },
        }));
        await using var app = GatewayApp.Create(["--urls", "http://127.0.0.1:0", "--settings", settings, "--environment", "Testing"]);
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new ShepTestClient(fixture.Client.Http, baseUrl + "/bip-async-wss-gost/", fixture.Pki.Gateway.Certificate);

        var codes = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            var answer = await client.PostAsync(ShepTestClient.Signed(AsyncEnvelopes.Send("BP", "REQUEST", "BP_CLIENT", fixture.Password), fixture.Pki.Client));
            codes.Add(answer.FaultCode);
        }

        using var ready = await fixture.Client.Http.GetAsync(baseUrl + "/health/ready");
        var readiness = await ready.Content.ReadAsStringAsync();
        await app.StopAsync();

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

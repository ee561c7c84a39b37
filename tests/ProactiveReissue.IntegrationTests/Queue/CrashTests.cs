using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.IntegrationTests.Queue;

/// <summary>
/// Nothing acknowledged is lost: a burst of async messages to a WireMock receiver, the gateway process
/// killed with SIGKILL mid-burst and started again; every message the gateway acknowledged reaches the
/// receiver, and a message received twice always carries its own messageId.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class CrashTests(GatewayFixture fixture)
{
    private const int Burst = 10_000;

    [Fact]
    public async Task SendMessage_GatewayKilledMidBurst_EveryAcknowledgedMessageIsDelivered()
    {
        var receiverPath = "/crash/receiver-" + Guid.NewGuid().ToString("N");
        await fixture.WireMock.AddMappingAsync(JsonSerializer.Serialize(new { priority = 1, request = new { method = "POST", urlPath = receiverPath }, response = new { status = 200 } }));
        var directory = Directory.CreateTempSubdirectory("pr-crash-").FullName;
        var settings = Path.Combine(directory, "settings.json");
        await File.WriteAllTextAsync(settings, JsonSerializer.Serialize(Settings(directory, fixture.WireMock.BaseUrl + receiverPath)));
        var requests = Presign(Burst);

        var acknowledged = new ConcurrentDictionary<string, bool>();
        var port = FreePort.Next();
        var first = await GatewayChildProcess.StartAsync(settings, port);
        var next = -1;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var senders = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Length)
            {
                await PostAsync(http, $"http://127.0.0.1:{port}/bip-async-wss-gost/", requests[i], acknowledged);
            }
        })).ToArray();
        while (acknowledged.Count < Burst * 4 / 10)
        {
            await Task.Delay(20);
        }

        first.KillHard();
        var acknowledgedBeforeKill = acknowledged.Count;
        await Task.WhenAll(senders); // the rest of the burst meets a dead port and is not acknowledged
        using var second = await GatewayChildProcess.StartAsync(settings, port);
        next = -1;
        var unsent = requests; // sent again whole: what was processed before the kill is refused as a replay (SCE018)
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < unsent.Length)
            {
                await PostAsync(http, second.BaseUrl + "/bip-async-wss-gost/", unsent[i], acknowledged);
            }
        })));

        var clock = Stopwatch.StartNew();
        HashSet<string> delivered = [];
        IReadOnlyList<(string Body, string? MessageId)> received = [];
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            received = await fixture.WireMock.FindAsync(receiverPath);
            delivered = received.Where(r => r.MessageId is not null).Select(r => r.MessageId!).ToHashSet();
            if (acknowledged.Keys.All(delivered.Contains))
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.True(acknowledgedBeforeKill >= Burst * 4 / 10, $"acknowledged before the kill: {acknowledgedBeforeKill}");
        var lost = acknowledged.Keys.Where(id => !delivered.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged messages were never delivered, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.All(received, r => Assert.Contains($"<messageId>{r.MessageId}</messageId>", r.Body, StringComparison.Ordinal));
    }

    private static async Task PostAsync(HttpClient http, string url, byte[] body, ConcurrentDictionary<string, bool> acknowledged)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
            using var response = await http.PostAsync(url, content);
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var answer = SafeXml.LoadString(text);
                acknowledged[answer.GetElementsByTagName("messageId")[0]!.InnerText] = true;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            // Not acknowledged: the client would send it again; nothing is owed for it.
        }
    }

    private byte[][] Presign(int count)
    {
        var result = new byte[count][];
        Parallel.For(0, count, i =>
        {
            var document = AsyncEnvelopes.Send("CRASH", "REQUEST", "CRASH_CLIENT", fixture.Password, data: $"<data><status xmlns=\"urn:test:crash\"><n>{i}</n></status></data>");
            result[i] = ShepTestClient.Signed(document, fixture.Pki.Client);
        });
        return result;
    }

    private object Settings(string directory, string receiverUrl) => new
    {
        Serilog = new { MinimumLevel = new { Default = "Warning" } },
        Gateway = new
        {
            Pki = new { Directory = directory, AutoCreate = false },
            Signing = new { CertificatePath = fixture.Pki.GatewayPfxPath, CertificatePassword = TestPki.GatewayPfxPassword },
            Trust = new { RootCertificates = new[] { fixture.Pki.RootPath }, Crls = new[] { fixture.Pki.CrlPath } },
            Participants = new object[]
            {
                new { SenderId = "CRASH_CLIENT", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.ClientBin, Services = new[] { "CRASH" } },
                new { SenderId = "CRASH_RECEIVER", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.OtherBin, Services = Array.Empty<string>(), PushUrl = receiverUrl },
            },
            Services = new[] { new { ServiceId = "CRASH", Recipient = "CRASH_RECEIVER" } },
            Store = new { SqlitePath = Path.Combine(directory, "gateway.db"), AsyncSqlitePath = Path.Combine(directory, "async.db") },
            Queue = new { SqlitePath = Path.Combine(directory, "queue.db"), BaseDelayMs = 100, MaxDelayMs = 1000 },
        },
    };
}

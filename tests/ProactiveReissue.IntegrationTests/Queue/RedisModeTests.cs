using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Tests.Queue.Redis;

namespace ProactiveReissue.IntegrationTests.Queue;

/// <summary>The gateway with its queue on a real redis-server: delivers; refuses clearly, reports not ready and answers the queue's admin calls with a 503 problem while Redis is down; recovers by itself.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RedisModeTests(GatewayFixture fixture)
{
    [Fact]
    public async Task SendMessage_RedisDownThenBack_RefusesWithSce044ThenDeliversAgain()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var receiver = "/redis-mode/" + Guid.NewGuid().ToString("N");
        await fixture.WireMock.AddMappingAsync(JsonSerializer.Serialize(new { priority = 1, request = new { method = "POST", urlPath = receiver }, response = new { status = 200 } }));
        await using var gateway = await InProcessGateway.StartAsync(fixture, new
        {
            Participants = new object[]
            {
                new { SenderId = "R_CLIENT", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.ClientBin, Services = new[] { "R" } },
                new { SenderId = "R_RECEIVER", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.OtherBin, Services = Array.Empty<string>(), PushUrl = fixture.WireMock.BaseUrl + receiver },
            },
            Services = new[] { new { ServiceId = "R", Recipient = "R_RECEIVER" } },
            Queue = new { Store = "redis", Redis = new { Host = "127.0.0.1", redis.Port, ReconnectMinBackoff = "00:00:00.050", ReconnectMaxBackoff = "00:00:00.300" }, BaseDelayMs = 100, MaxDelayMs = 500 },
        });
        var baseUrl = gateway.BaseUrl;
        var client = gateway.AsyncClient(fixture);
        Task<GatewayAnswer> SendAsync() => client.PostAsync(ShepTestClient.Signed(AsyncEnvelopes.Send("R", "REQUEST", "R_CLIENT", fixture.Password), fixture.Pki.Client));

        var before = await SendAsync();
        Assert.True(before.Status == HttpStatusCode.OK, before.ToString());
        await WaitForAsync(async () => (await fixture.WireMock.FindAsync(receiver)).Count >= 1);
        redis.Kill();
        var whileDown = await SendAsync();
        using var notReady = await fixture.Client.Http.GetAsync(baseUrl + "/health/ready");
        using var adminWhileDown = await fixture.Client.Http.GetAsync(baseUrl + "/admin/queue");
        var adminProblem = await adminWhileDown.Content.ReadAsStringAsync();
        await redis.RestartAsync();
        GatewayAnswer? after = null;
        await WaitForAsync(async () => (after = await SendAsync()).Status == HttpStatusCode.OK);
        await WaitForAsync(async () => (await fixture.WireMock.FindAsync(receiver)).Count >= 2);
        using var ready = await fixture.Client.Http.GetAsync(baseUrl + "/health/ready");

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal("SCE044", whileDown.FaultCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, adminWhileDown.StatusCode);
        Assert.Contains("Queue store unavailable", adminProblem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var delivered = (await fixture.WireMock.FindAsync(receiver)).Select(r => r.MessageId).ToList();
        Assert.Contains(before.Soap.Document.GetElementsByTagName("messageId")[0]!.InnerText, delivered);
        Assert.Contains(after!.Soap.Document.GetElementsByTagName("messageId")[0]!.InnerText, delivered);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("condition not reached within 30 s");
    }
}

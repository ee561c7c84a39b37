using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ProactiveReissue.Gateway;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Tests.Queue.Redis;

namespace ProactiveReissue.IntegrationTests.Queue;

/// <summary>The gateway with its queue on a real redis-server: delivers; refuses clearly and reports not ready while Redis is down; recovers by itself.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RedisModeTests(GatewayFixture fixture)
{
    [Fact]
    public async Task SendMessage_RedisDownThenBack_RefusesWithSce044ThenDeliversAgain()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var directory = Directory.CreateTempSubdirectory("pr-redismode-").FullName;
        var receiver = "/redis-mode/" + Guid.NewGuid().ToString("N");
        await fixture.WireMock.AddMappingAsync(JsonSerializer.Serialize(new { priority = 1, request = new { method = "POST", urlPath = receiver }, response = new { status = 200 } }));
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
                    new { SenderId = "R_CLIENT", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.ClientBin, Services = new[] { "R" } },
                    new { SenderId = "R_RECEIVER", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.OtherBin, Services = Array.Empty<string>(), PushUrl = fixture.WireMock.BaseUrl + receiver },
                },
                Services = new[] { new { ServiceId = "R", Recipient = "R_RECEIVER" } },
                Store = new { SqlitePath = Path.Combine(directory, "gateway.db"), AsyncSqlitePath = Path.Combine(directory, "async.db") },
                Queue = new { Store = "redis", Redis = new { Host = "127.0.0.1", redis.Port, ReconnectMinBackoff = "00:00:00.050", ReconnectMaxBackoff = "00:00:00.300" }, BaseDelayMs = 100, MaxDelayMs = 500 },
            },
        }));
        await using var app = GatewayApp.Create(["--urls", "http://127.0.0.1:0", "--settings", settings, "--environment", "Testing"]);
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new ShepTestClient(fixture.Client.Http, baseUrl + "/bip-async-wss-gost/", fixture.Pki.Gateway.Certificate);
        Task<GatewayAnswer> SendAsync() => client.PostAsync(ShepTestClient.Signed(AsyncEnvelopes.Send("R", "REQUEST", "R_CLIENT", fixture.Password), fixture.Pki.Client));

        var before = await SendAsync();
        Assert.True(before.Status == HttpStatusCode.OK, before.ToString());
        await WaitForAsync(async () => (await fixture.WireMock.FindAsync(receiver)).Count >= 1);
        redis.Kill();
        var whileDown = await SendAsync();
        using var notReady = await fixture.Client.Http.GetAsync(baseUrl + "/health/ready");
        await redis.RestartAsync();
        GatewayAnswer? after = null;
        await WaitForAsync(async () => (after = await SendAsync()).Status == HttpStatusCode.OK);
        await WaitForAsync(async () => (await fixture.WireMock.FindAsync(receiver)).Count >= 2);
        using var ready = await fixture.Client.Http.GetAsync(baseUrl + "/health/ready");
        await app.StopAsync();

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal("SCE044", whileDown.FaultCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
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

using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Gateway.Rest;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Tests.Queue.Redis;

namespace ProactiveReissue.IntegrationTests.Distributed;

/// <summary>
/// Gateways in distributed mode (Gateway:Store:Provider=redis) on one real redis-server: the journal and the
/// replay window are shared, Redis down gives a clear fault and "not ready", and the gateway recovers by itself.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RedisStoresGatewayTests(GatewayFixture fixture)
{
    [Fact]
    public async Task SendMessage_SameMessageIdToTwoInstances_RefusedOnceAndJournalledForBoth()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await InProcessGateway.StartAsync(fixture, Section(redis, prefix));
        await using var b = await InProcessGateway.StartAsync(fixture, Section(redis, prefix));
        var messageId = Guid.NewGuid().ToString();
        var request = ShepTestClient.Signed(ShepTestClient.Request("ECHO", "D_CLIENT", fixture.Password, messageId: messageId), fixture.Pki.Client);

        var first = await a.SyncClient(fixture).PostAsync(request);
        var replayed = await b.SyncClient(fixture).PostAsync(request);
        using var journal = JsonDocument.Parse(await fixture.Client.Http.GetStringAsync($"{b.BaseUrl}/admin/messages?messageId={messageId}"));

        Assert.True(first.FaultCode is null, first.ToString());
        Assert.Equal("SCE018", replayed.FaultCode);
        var hops = journal.RootElement.EnumerateArray().Select(e => (Hop: e.GetProperty("hop").GetString(), Fault: e.GetProperty("faultCode").GetString())).ToList();
        Assert.Contains(("client-request", (string?)null), hops);
        Assert.Contains(("client-request", "SCE018"), hops);
        Assert.Equal(2, hops.Count(h => h.Hop == "client-response"));
        Assert.False(File.Exists(Path.Combine(a.Directory, "gateway.db")), "the journal must not fall back to SQLite in redis mode");
    }

    [Fact]
    public async Task SendMessage_RedisDownThenBack_Sce044AndNotReadyThenRecovers()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var gateway = await InProcessGateway.StartAsync(fixture, Section(redis, "t" + Guid.NewGuid().ToString("N")[..8]));
        var client = gateway.SyncClient(fixture);
        Task<GatewayAnswer> SendAsync() => client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request("ECHO", "D_CLIENT", fixture.Password), fixture.Pki.Client));

        redis.Kill();
        var whileDown = await SendAsync();
        using var restWhileDown = await PostRestAsync(gateway.BaseUrl);
        using var restProblem = JsonDocument.Parse(await restWhileDown.Content.ReadAsStringAsync());
        using var notReady = await fixture.Client.Http.GetAsync(gateway.BaseUrl + "/health/ready");
        var readiness = await notReady.Content.ReadAsStringAsync();
        await redis.RestartAsync();
        GatewayAnswer? after = null;
        await WaitForAsync(async () => (after = await SendAsync()).FaultCode is null);
        using var ready = await fixture.Client.Http.GetAsync(gateway.BaseUrl + "/health/ready");

        Assert.Equal("SCE044", whileDown.FaultCode);
        Assert.Contains("Redis", whileDown.ErrorData, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, restWhileDown.StatusCode);
        Assert.Equal("SCE044", restProblem.RootElement.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("unreachable", readiness, StringComparison.Ordinal);
        Assert.Null(after!.FaultCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Theory]
    [InlineData("{\"Provider\":\"redis\"}", null, "Gateway:Store:Redis is not set")]
    [InlineData("{\"Provider\":\"redis\",\"Redis\":{\"Host\":\"127.0.0.1\",\"Port\":6379}}", "sqlite", "Gateway:Queue:Store is sqlite while Gateway:Store:Provider is redis")]
    [InlineData("{\"Provider\":\"mongo\"}", null, "Gateway:Store:Provider must be sqlite or redis")]
    public async Task Start_InconsistentStoreSettings_FailsNamingTheSetting(string store, string? queueStore, string expected)
    {
        var section = new Dictionary<string, object?> { ["Store"] = JsonDocument.Parse(store).RootElement };
        if (queueStore is not null)
        {
            section["Queue"] = new { Store = queueStore };
        }

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(async () => await InProcessGateway.StartAsync(fixture, section));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private object Section(RedisServerProcess redis, string prefix) => new
    {
        Participants = new object[]
        {
            new { SenderId = "D_CLIENT", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.ClientBin, Services = new[] { "ECHO" } },
        },
        Services = new[] { new { ServiceId = "ECHO", ProviderUrl = fixture.WireMock.BaseUrl + "/test/echo", ProviderCertificatePath = fixture.Pki.ProviderPath } },
        Store = new
        {
            Provider = "redis",
            KeyPrefix = prefix,
            Redis = new { Host = "127.0.0.1", redis.Port, ReconnectMinBackoff = "00:00:00.050", ReconnectMaxBackoff = "00:00:00.300" },
        },
    };

    private async Task<HttpResponseMessage> PostRestAsync(string baseUrl)
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"requestInfo\":{\"messageId\":\"" + Guid.NewGuid() + "\",\"serviceId\":\"ECHO\",\"messageDate\":\"2026-11-22T10:00:00+06:00\"," +
            "\"sender\":{\"senderId\":\"D_CLIENT\",\"password\":\"" + fixture.Password + "\"}},\"requestData\":{\"data\":1}}");
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + RestSyncEndpoint.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation(DetachedJws.HeaderName, DetachedJws.Sign(body, fixture.Pki.Client));
        return await fixture.Client.Http.SendAsync(request);
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

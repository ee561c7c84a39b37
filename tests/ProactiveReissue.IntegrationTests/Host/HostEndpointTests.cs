using System.Net;
using System.Text.Json;
using System.Xml;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.IntegrationTests.Host;

[Collection(GatewayCollection.Name)]
public sealed class HostEndpointTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Client.Http;

    [Fact]
    public async Task Wsdl_IsServedWithTheServiceAddress()
    {
        var text = await Http.GetStringAsync(fixture.SyncUrl + "?wsdl");

        var wsdl = SafeXml.LoadString(text);
        Assert.Equal("definitions", wsdl.DocumentElement!.LocalName);
        Assert.Contains(fixture.SyncUrl, text, StringComparison.Ordinal);
        Assert.Contains("SendMessageFault1_SendMessageFault", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_LiveAndReady_Answer200()
    {
        using var live = await Http.GetAsync(fixture.BaseUrl + "/health/live");
        using var ready = await Http.GetAsync(fixture.BaseUrl + "/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"store\":\"ok\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_CountRequestsAndFaultsByCode()
    {
        await fixture.Client.PostAsync("<not-xml");

        var text = await Http.GetStringAsync(fixture.BaseUrl + "/metrics");

        Assert.Contains("shep_requests_total{channel=\"soap\",outcome=\"fault\"}", text, StringComparison.Ordinal);
        Assert.Contains("shep_faults_total{code=\"SCE001\"}", text, StringComparison.Ordinal);
        Assert.Contains("shep_request_duration_seconds_bucket{channel=\"soap\",le=\"+Inf\"}", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^dotnet_gc_collections_total\{generation=""0""\} \d+$", text);
        Assert.Matches(@"(?m)^dotnet_gc_allocated_bytes_total \d+$", text);
        Assert.Matches(@"(?m)^dotnet_gc_pause_seconds_total [\d.E+-]+$", text);
        Assert.Matches(@"(?m)^dotnet_jit_compiled_methods_total [1-9]\d*$", text);
    }

    [Fact]
    public async Task Metrics_AfterAnExchange_ShowTheSqliteFilesDurabilityWork()
    {
        // Arrange
        var request = ShepTestClient.Signed(ShepTestClient.Request("ECHO", GatewayFixture.Sender, fixture.Password, messageId: Guid.NewGuid().ToString()), fixture.Pki.Client);

        // Act: an exchange journals its hops, each commit made durable by an fdatasync of the WAL
        var answer = await fixture.Client.PostAsync(request);
        var text = await Http.GetStringAsync(fixture.BaseUrl + "/metrics");

        // Assert
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Matches(@"(?m)^sqlite_wal_sync_seconds_count\{file=""journal""\} [1-9]\d*$", text);
        Assert.Matches(@"(?m)^sqlite_wal_sync_seconds_bucket\{file=""journal"",le=""\+Inf""\} [1-9]\d*$", text);
        Assert.Matches(@"(?m)^sqlite_wal_sync_seconds_sum\{file=""journal""\} [\d.E+-]+$", text);
        Assert.Matches(@"(?m)^sqlite_wal_restarts_total\{file=""queue""\} \d+$", text);
        Assert.Matches(@"(?m)^sqlite_sync_failed\{file=""journal""\} 0$", text);
    }

    [Fact]
    public async Task Journal_LookupByMessageId_ShowsEveryHopInLocalTime()
    {
        var messageId = Guid.NewGuid().ToString();
        var answer = await fixture.Client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request("ECHO", GatewayFixture.Sender, fixture.Password, messageId: messageId), fixture.Pki.Client));
        Assert.Equal(HttpStatusCode.OK, answer.Status);

        using var json = JsonDocument.Parse(await Http.GetStringAsync(fixture.BaseUrl + "/admin/messages?messageId=" + messageId));

        var hops = json.RootElement.EnumerateArray().Select(e => e.GetProperty("hop").GetString()).ToList();
        Assert.Equal(new[] { "client-request", "client-response", "provider-request", "provider-response" }, hops.OrderBy(h => h, StringComparer.Ordinal).ToArray());
        foreach (var entry in json.RootElement.EnumerateArray())
        {
            Assert.EndsWith("+05:00", entry.GetProperty("at").GetString(), StringComparison.Ordinal);
            Assert.Equal(64, entry.GetProperty("bodySha256").GetString()!.Length);
            Assert.Equal("ECHO", entry.GetProperty("serviceId").GetString());
        }
    }

    [Fact]
    public async Task Oversize_IsRefusedWithSce003AndTheGatewayStaysUp()
    {
        var request = ShepTestClient.Request("ECHO", GatewayFixture.Sender, fixture.Password, "<data><blob>" + new string('A', (int)fixture.MaxRequestBytes) + "</blob></data>");
        var answer = await fixture.Client.PostAsync(ShepTestClient.Signed(request, fixture.Pki.Client));

        Assert.Equal("SCE003", answer.FaultCode);
        using var live = await Http.GetAsync(fixture.BaseUrl + "/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}

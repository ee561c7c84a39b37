using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.IntegrationTests.Reissue;

/// <summary>
/// The coordinator in the real gateway host, driving the real adapters against the WireMock mocks of the
/// state systems (mocks/mappings), with the 3-day waits in fake time. Companies from mocks/README.md.
/// </summary>
[Collection(GatewayCollection.Name)]
public class ReissueEndToEndTests(GatewayFixture fixture)
{
    private const string Ns = "urn:proactive-reissue:reissue:v1";

    [Fact]
    public async Task Process_AgainstTheMocks_TakesEachCaseToItsEnd()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        // The mocks give KDP consent to one head only; the no-reply and no-phone companies' heads need it too.
        foreach (var iin in new[] { "830611300084", "950228400093" })
        {
            await fixture.WireMock.AddMappingAsync(File.ReadAllText(Path.Combine(RepoPaths.Mocks, "mappings", "kdp", "consent-valid.json"))
                .Replace("850312300012", iin, StringComparison.Ordinal).Replace("45267483-965d-53f8-9c9e-1947054d7d55", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("\"priority\": 10", "\"priority\": 1", StringComparison.Ordinal));
        }
        await using var gateway = await InProcessGateway.StartAsync(fixture, GatewaySection(), ReissueTestSettings.Adapters(fixture), b => b.Services.AddSingleton<TimeProvider>(time));
        var baseUrl = gateway.BaseUrl;
        var client = gateway.SyncClient(fixture);
        Task<GatewayAnswer> Post(string service, string data) =>
            client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request(service, "PORTAL", fixture.Password, $"<data>{data}</data>"), fixture.Pki.Client));

        using var dryRun = JsonDocument.Parse(await fixture.Client.Http.GetStringAsync(baseUrl + "/admin/reissue/dry-run?since=2020-01-01"));
        var wouldContact = dryRun.RootElement.EnumerateArray().Where(l => l.GetProperty("wouldContact").GetBoolean()).Select(l => l.GetProperty("bin").GetString()).ToList();
        Assert.Contains("180540001000", wouldContact);
        Assert.DoesNotContain("180540001010", wouldContact);

        foreach (var bin in new[] { "180540001000", "180540001010", "180540001106", "180540001080", "180540001070" })
        {
            var answer = await Post("REISSUE_NAME_CHANGE", $"<nameChange xmlns='{Ns}'><noticeId>e2e-{bin}</noticeId><bin>{bin}</bin></nameChange>");
            Assert.True(answer.FaultCode is null, answer.ToString());
        }

        await WaitAsync(baseUrl, "ECO_PERMIT_I_II-180540001000", "AwaitingReply");
        await WaitAsync(baseUrl, "ECO_PERMIT_I_II-180540001070", "AwaitingReply");
        var reply = await Post("REISSUE_SMS_REPLY", $"<smsReply xmlns='{Ns}'><phone>+77010000101</phone><text>1</text></smsReply>");
        time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await WaitAsync(baseUrl, "ECO_PERMIT_I_II-180540001070", "AwaitingReply", smsCount: 2);
        time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));

        Assert.Contains("<outcome>Accepted</outcome>", reply.Text, StringComparison.Ordinal);
        Assert.Equal("Completed", await WaitAsync(baseUrl, "ECO_PERMIT_I_II-180540001000", "Completed"));
        Assert.Equal("NoReply", await WaitAsync(baseUrl, "ECO_PERMIT_I_II-180540001070", "NoReply"));
        Assert.Equal("Excluded", await WaitAsync(baseUrl, "ECO_PERMIT_I_II-180540001010", "Excluded"));
        Assert.Equal("NoPermit", await WaitAsync(baseUrl, "ECO_PERMIT_I_II-180540001106", "NoPermit"));
        Assert.Equal("NoPhone", await WaitAsync(baseUrl, "ECO_PERMIT_I_II-180540001080", "NoPhone"));
        Assert.Equal("OrdinaryProcedure", await WaitAsync(baseUrl, "TRUSTED_SOFTWARE_REGISTRY-180540001080", "OrdinaryProcedure"));
        Assert.Equal("NoPermit", await WaitAsync(baseUrl, "TRUSTED_SOFTWARE_REGISTRY-180540001000", "NoPermit"));
        // SMS of this test carry the pilot's Appendix 1 text (it names the 1414 contact centre); other tests use their own.
        var sms = (await fixture.WireMock.FindAsync("/sms")).Where(r => r.Body.Contains("1414", StringComparison.Ordinal)).ToList();
        Assert.Equal(1, sms.Count(r => r.Body.Contains("+77010000101", StringComparison.Ordinal) && r.Body.Contains("sendSms", StringComparison.OrdinalIgnoreCase) || r.Body.Contains("+77010000101", StringComparison.Ordinal) && r.Body.Contains("PORTAL_SMS_Send", StringComparison.Ordinal)));
        Assert.Equal(2, sms.Count(r => r.Body.Contains("+77010000108", StringComparison.Ordinal) && r.Body.Contains("PORTAL_SMS_Send", StringComparison.Ordinal)));
        Assert.Single(await fixture.WireMock.FindAsync("/sdu"), r => r.Body.Contains("180540001000", StringComparison.Ordinal));
    }

    private async Task<string> WaitAsync(string baseUrl, string caseId, string state, int? smsCount = null) =>
        ReissueAdmin.State(await ReissueAdmin.WaitForCaseAsync(
            fixture.Client.Http, baseUrl, caseId, c => ReissueAdmin.State(c) == state && (smsCount is null || ReissueAdmin.SmsCount(c) == smsCount), TimeSpan.FromSeconds(40)));

    /// <summary>The test's "Gateway" section; Distributed/RedisStoresReissueEndToEndTests adds the Redis store to it.</summary>
    protected virtual object GatewaySection() => new
    {
        Participants = new object[]
        {
            new { SenderId = "PORTAL", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.ClientBin, Services = new[] { "REISSUE_SMS_REPLY", "REISSUE_NAME_CHANGE" } },
            new { SenderId = "MONITORING", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.OtherBin, Services = Array.Empty<string>(), PushUrl = fixture.WireMock.BaseUrl + "/push/monitoring" },
        },
        Monitoring = new { Recipient = "MONITORING" },
        Reissue = new { Enabled = true, PollSeconds = 1 },
    };
}

using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Reissue.Profiles;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.IntegrationTests.Reissue;

/// <summary>
/// A company holding permits of both pilot services opens two cases; their reads of the state systems are made
/// once for the company (e-license's permits, then GBD UL, GBD FL, ZAGS, KDP and BMG for its head), counted in
/// WireMock's request journal, while each case still records every step and sends its own SMS.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SharedReadsEndToEndTests(GatewayFixture fixture)
{
    private const string Ns = "urn:proactive-reissue:reissue:v1";

    [Fact]
    public async Task NameChange_CompanyWithBothServices_ReadsEachSystemOncePerCompany()
    {
        // Arrange
        var company = SyntheticCompany.Next();
        await company.RegisterAsync(fixture.WireMock, ["ECO_PERMIT_I", "TRUSTED_SOFTWARE"], HeadKind.Clean, consent: true, phone: true);
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var gateway = await InProcessGateway.StartAsync(fixture, GatewaySection(), ReissueTestSettings.Adapters(fixture), b => b.Services.AddSingleton<TimeProvider>(time));
        var client = gateway.SyncClient(fixture);
        string[] caseIds = [$"{PilotProfiles.EcoPermit}-{company.Bin}", $"{PilotProfiles.TrustedSoftware}-{company.Bin}"];

        // Act
        var answer = await client.PostAsync(ShepTestClient.Signed(
            ShepTestClient.Request("REISSUE_NAME_CHANGE", "PORTAL", fixture.Password, $"<data><nameChange xmlns='{Ns}'><noticeId>shared-{company.Bin}</noticeId><bin>{company.Bin}</bin></nameChange></data>"),
            fixture.Pki.Client));
        var states = new List<string>();
        foreach (var caseId in caseIds)
        {
            states.Add(await WaitAsync(gateway.BaseUrl, caseId));
        }

        // Assert
        Assert.True(answer.FaultCode is null, answer.ToString());
        Assert.Equal(["AwaitingReply", "AwaitingReply"], states);
        Assert.Equal(1, await CountAsync("/elicense", "UniversalLicenseRequest", company.Bin));
        Assert.Equal(1, await CountAsync("/gbdul", "<BIN>", company.Bin));
        foreach (var system in new[] { "/gbdfl", "/zags", "/kdp", "/bmg" })
        {
            Assert.True(await CountAsync(system, string.Empty, company.HeadIin) == 1, $"{system}: one read for the company's two cases");
        }

        Assert.Equal(2, await CountAsync("/sms", "SmsSendRequest", company.Phone));
        foreach (var caseId in caseIds)
        {
            var steps = await StepsAsync(gateway.BaseUrl, caseId);
            Assert.Equal(["open", "permits", "company", "person", "consent", "phone", "sms"], steps);
        }
    }

    private async Task<int> CountAsync(string path, string marker, string key) =>
        (await fixture.WireMock.FindAsync(path)).Count(r => r.Body.Contains(marker, StringComparison.Ordinal) && r.Body.Contains(key, StringComparison.Ordinal));

    private async Task<string> WaitAsync(string baseUrl, string caseId) =>
        ReissueAdmin.State(await ReissueAdmin.WaitForCaseAsync(fixture.Client.Http, baseUrl, caseId, c => ReissueAdmin.State(c) == "AwaitingReply", TimeSpan.FromSeconds(60)));

    private async Task<List<string>> StepsAsync(string baseUrl, string caseId)
    {
        using var response = await fixture.Client.Http.GetAsync(baseUrl + "/admin/reissue/cases/" + Uri.EscapeDataString(caseId));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("step").GetString()!).ToList();
    }

    private object GatewaySection() => new
    {
        Participants = new object[]
        {
            new { SenderId = "PORTAL", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.ClientBin, Services = new[] { "REISSUE_SMS_REPLY", "REISSUE_NAME_CHANGE" } },
        },
        Reissue = new { Enabled = true, PollSeconds = 1, FeedPollMinutes = 0 },
    };
}

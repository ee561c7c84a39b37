using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Reissue.Ports;

namespace ProactiveReissue.IntegrationTests.Reissue;

/// <summary>Name-change notices and SMS replies reach the coordinator through the real gateway (SOAP, signed both ways).</summary>
[Collection(GatewayCollection.Name)]
public sealed class ReissueThroughTheBusTests(GatewayFixture fixture)
{
    private const string Ns = "urn:proactive-reissue:reissue:v1";

    [Fact]
    public async Task NameChangeThenReply_ThroughSoap_CompletesTheCaseAndOperatorsSeeIt()
    {
        var bin = fixture.Pki.ClientBin;
        var ports = new OneCompanyPorts(bin, "850312300111", "+77015550199");
        await using var gateway = await InProcessGateway.StartAsync(
            fixture,
            new
            {
                Participants = new[] { new { SenderId = "PORTAL", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = bin, Services = new[] { "REISSUE_SMS_REPLY", "REISSUE_NAME_CHANGE" } } },
                Reissue = new { Enabled = true, PollSeconds = 1 },
            },
            configure: b => b.Services.AddSingleton<IReissuePorts>(ports));
        var baseUrl = gateway.BaseUrl;
        var client = gateway.SyncClient(fixture);

        var notice = await client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request("REISSUE_NAME_CHANGE", "PORTAL", fixture.Password,
            $"<data><nameChange xmlns='{Ns}'><noticeId>N-77</noticeId><bin>{bin}</bin><changedAt>2026-11-20T09:00:00+05:00</changedAt></nameChange></data>"), fixture.Pki.Client));
        var again = await client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request("REISSUE_NAME_CHANGE", "PORTAL", fixture.Password,
            $"<data><nameChange xmlns='{Ns}'><noticeId>N-77</noticeId><bin>{bin}</bin></nameChange></data>"), fixture.Pki.Client));
        await WaitAsync(() => ports.Sms.Count >= 2);
        var unknown = await client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request("REISSUE_SMS_REPLY", "PORTAL", fixture.Password,
            $"<data><smsReply xmlns='{Ns}'><phone>+77000000000</phone><text>1</text></smsReply></data>"), fixture.Pki.Client));
        var reply = await client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request("REISSUE_SMS_REPLY", "PORTAL", fixture.Password,
            $"<data><smsReply xmlns='{Ns}'><phone>+77015550199</phone><text> да </text></smsReply></data>"), fixture.Pki.Client));
        using var funnel = JsonDocument.Parse(await fixture.Client.Http.GetStringAsync(baseUrl + "/admin/reissue/funnel"));
        // Both services' cases of this head run at once, so either SMS may go first; the reply answers the first sent.
        using var completed = JsonDocument.Parse(await fixture.Client.Http.GetStringAsync(baseUrl + "/admin/reissue/cases?state=Completed"));
        var caseId = Uri.EscapeDataString(completed.RootElement.EnumerateArray().Single().GetProperty("caseId").GetString()!);
        using var view = JsonDocument.Parse(await fixture.Client.Http.GetStringAsync(baseUrl + "/admin/reissue/cases/" + caseId));

        notice.AssertSignedByGateway();
        Assert.Contains("<opened>2</opened>", notice.Text, StringComparison.Ordinal);
        Assert.Contains("<opened>0</opened>", again.Text, StringComparison.Ordinal);
        Assert.Contains("<outcome>NoCase</outcome>", unknown.Text, StringComparison.Ordinal);
        Assert.Contains("<outcome>Accepted</outcome>", reply.Text, StringComparison.Ordinal);
        Assert.Equal(1, funnel.RootElement.GetProperty("Completed").GetInt32());
        Assert.Equal(("Completed", bin), (view.RootElement.GetProperty("case").GetProperty("state").GetString(), view.RootElement.GetProperty("case").GetProperty("bin").GetString()));
        Assert.All(view.RootElement.GetProperty("history").EnumerateArray(), h => Assert.EndsWith("+05:00", h.GetProperty("at").GetString(), StringComparison.Ordinal));
        Assert.Single(ports.Reissued);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "condition not reached within 20 s");
    }
}

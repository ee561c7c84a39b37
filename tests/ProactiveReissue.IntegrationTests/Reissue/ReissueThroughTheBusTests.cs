using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ProactiveReissue.Gateway;
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
        var directory = Directory.CreateTempSubdirectory("pr-reissue-").FullName;
        var settings = Path.Combine(directory, "settings.json");
        var bin = fixture.Pki.ClientBin;
        var ports = new OneCompanyPorts(bin, "850312300111", "+77015550199");
        await File.WriteAllTextAsync(settings, JsonSerializer.Serialize(new
        {
            Serilog = new { MinimumLevel = new { Default = "Warning" } },
            Gateway = new
            {
                Pki = new { Directory = directory },
                Signing = new { CertificatePath = fixture.Pki.GatewayPfxPath, CertificatePassword = TestPki.GatewayPfxPassword },
                Trust = new { RootCertificates = new[] { fixture.Pki.RootPath } },
                Participants = new[] { new { SenderId = "PORTAL", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = bin, Services = new[] { "REISSUE_SMS_REPLY", "REISSUE_NAME_CHANGE" } } },
                Store = new { SqlitePath = Path.Combine(directory, "gateway.db"), AsyncSqlitePath = Path.Combine(directory, "async.db") },
                Queue = new { SqlitePath = Path.Combine(directory, "queue.db") },
                Reissue = new { Enabled = true, SqlitePath = Path.Combine(directory, "cases.db"), PollSeconds = 1 },
            },
        }));
        await using var app = GatewayApp.Create(["--urls", "http://127.0.0.1:0", "--settings", settings, "--environment", "Testing"], b => b.Services.AddSingleton<IReissuePorts>(ports));
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new ShepTestClient(fixture.Client.Http, baseUrl + "/bip-sync-wss-gost/", fixture.Pki.Gateway.Certificate);

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
        var caseId = Uri.EscapeDataString("ECO_PERMIT_I_II-" + bin);
        using var view = JsonDocument.Parse(await fixture.Client.Http.GetStringAsync(baseUrl + "/admin/reissue/cases/" + caseId));
        await app.StopAsync();

        notice.AssertSignedByGateway();
        Assert.Contains("<opened>2</opened>", notice.Text, StringComparison.Ordinal);
        Assert.Contains("<opened>0</opened>", again.Text, StringComparison.Ordinal);
        Assert.Contains("<outcome>NoCase</outcome>", unknown.Text, StringComparison.Ordinal);
        Assert.Contains("<outcome>Accepted</outcome>", reply.Text, StringComparison.Ordinal);
        Assert.Equal(1, funnel.RootElement.GetProperty("Completed").GetInt32());
        Assert.Equal("Completed", view.RootElement.GetProperty("case").GetProperty("state").GetString());
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

using System.Diagnostics;
using System.Text.Json;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.IntegrationTests.Infrastructure;

namespace ProactiveReissue.IntegrationTests.Reissue;

/// <summary>
/// The gateway process killed with SIGKILL while a case waits for a reply, started again: the wait
/// resumes from the store, the one allowed resend goes out, and no SMS is sent twice. The profile's wait
/// is 4 seconds of real time (a setting), since a child process cannot share the test's fake clock.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReissueRestartTests(GatewayFixture fixture)
{
    private const string Bin = "180540001070";
    private const string Phone = "+77010000108";
    private readonly string _marker = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task GatewayKilledDuringTheWait_ResumesWithoutADuplicateSms()
    {
        await fixture.WireMock.AddMappingAsync(File.ReadAllText(Path.Combine(RepoPaths.Mocks, "mappings", "kdp", "consent-valid.json"))
            .Replace("850312300012", "830611300084", StringComparison.Ordinal).Replace("45267483-965d-53f8-9c9e-1947054d7d55", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("\"priority\": 10", "\"priority\": 1", StringComparison.Ordinal));
        var directory = Directory.CreateTempSubdirectory("pr-restart-").FullName;
        var settings = Path.Combine(directory, "settings.json");
        await File.WriteAllTextAsync(settings, JsonSerializer.Serialize(Settings(directory)));
        var port = FreePort.Next();
        var caseUrl = $"http://127.0.0.1:{port}/admin/reissue/cases/ECO_PERMIT_I_II-{Bin}";

        var first = await GatewayChildProcess.StartAsync(settings, port);
        var client = new ShepTestClient(fixture.Client.Http, first.BaseUrl + "/bip-sync-wss-gost/", fixture.Pki.Gateway.Certificate);
        await client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request("REISSUE_NAME_CHANGE", "PORTAL", fixture.Password,
            $"<data><nameChange xmlns='urn:proactive-reissue:reissue:v1'><noticeId>restart-1</noticeId><bin>{Bin}</bin></nameChange></data>"), fixture.Pki.Client));
        Assert.Equal(1, await WaitForSmsCountAsync(caseUrl, 1));
        var smsBeforeKill = await SmsSentAsync();
        first.KillHard();
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var second = await GatewayChildProcess.StartAsync(settings, port);
        var smsAfterResend = await WaitForSmsCountAsync(caseUrl, 2);
        var final = await WaitForStateAsync(caseUrl, "NoReply");

        Assert.Equal(1, smsBeforeKill);
        Assert.Equal(2, smsAfterResend);
        Assert.Equal("NoReply", final);
        Assert.Equal(2, await SmsSentAsync());
    }

    private async Task<int> SmsSentAsync() =>
        (await fixture.WireMock.FindAsync("/sms")).Count(r => r.Body.Contains(Phone, StringComparison.Ordinal) && r.Body.Contains(_marker, StringComparison.Ordinal));

    private async Task<int> WaitForSmsCountAsync(string caseUrl, int count)
    {
        var clock = Stopwatch.StartNew();
        var seen = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            seen = await SmsCountAsync(caseUrl);
            if (seen >= count)
            {
                return seen;
            }

            await Task.Delay(200);
        }

        return seen;
    }

    private async Task<string> WaitForStateAsync(string caseUrl, string state)
    {
        var clock = Stopwatch.StartNew();
        var last = "(none)";
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            using var response = await fixture.Client.Http.GetAsync(caseUrl);
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                last = json.RootElement.GetProperty("case").GetProperty("state").GetString()!;
                if (last == state)
                {
                    return last;
                }
            }

            await Task.Delay(200);
        }

        return last;
    }

    private async Task<int> SmsCountAsync(string caseUrl)
    {
        using var response = await fixture.Client.Http.GetAsync(caseUrl);
        if (!response.IsSuccessStatusCode)
        {
            return 0;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("case").GetProperty("smsCount").GetInt32();
    }

    private object Settings(string directory) => new
    {
        Serilog = new { MinimumLevel = new { Default = "Warning" } },
        Adapters = ReissueTestSettings.Adapters(fixture),
        Gateway = new
        {
            Pki = new { Directory = directory },
            Signing = new { CertificatePath = fixture.Pki.GatewayPfxPath, CertificatePassword = TestPki.GatewayPfxPassword },
            Trust = new { RootCertificates = new[] { fixture.Pki.RootPath } },
            Participants = new[] { new { SenderId = "PORTAL", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.ClientBin, Services = new[] { "REISSUE_SMS_REPLY", "REISSUE_NAME_CHANGE" } } },
            Store = new { SqlitePath = Path.Combine(directory, "gateway.db"), AsyncSqlitePath = Path.Combine(directory, "async.db") },
            Queue = new { SqlitePath = Path.Combine(directory, "queue.db") },
            Reissue = new
            {
                Enabled = true,
                SqlitePath = Path.Combine(directory, "cases.db"),
                PollSeconds = 1,
                FeedPollMinutes = 0,
                Profiles = new[]
                {
                    new { ServiceCode = "ECO_PERMIT_I_II", Name = "eco (test wait of 4 s)", PermitTypes = new[] { "ECO_PERMIT_I", "ECO_PERMIT_II" }, SmsTextRu = $"тест {_marker}: ответьте 1 или 2", ReplyWait = "00:00:04" },
                },
            },
        },
    };
}

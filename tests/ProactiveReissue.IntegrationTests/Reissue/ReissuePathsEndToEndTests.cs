using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Reissue.Profiles;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.IntegrationTests.Reissue;

/// <summary>
/// Every path of each pilot service, end to end: the real gateway host, the real adapters, WireMock
/// playing the state systems (one company invented per path, see <see cref="SyntheticCompany"/>), the
/// replies through the bus and the 3-day waits in fake time. What the other systems received is read
/// from WireMock's request journal: SMS sent, permits reissued, results written to SDU.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReissuePathsEndToEndTests(GatewayFixture fixture)
{
    private const string Ns = "urn:proactive-reissue:reissue:v1";

    private enum Answer
    {
        None,
        OneAtOnce,
        TwoAtOnce,
        OneAfterResend,
        Never,
    }

    [Theory]
    [InlineData(PilotProfiles.EcoPermit, "ECO_PERMIT_I,ECO_PERMIT_II", "NoPhone", "Refused")]
    [InlineData(PilotProfiles.TrustedSoftware, "TRUSTED_SOFTWARE", "OrdinaryProcedure", "OrdinaryProcedure")]
    public async Task Process_EveryPathOfTheService_EndsWithTheRightSmsReissuesAndSduWrites(string service, string permitTypes, string noPhone, string refused)
    {
        var types = permitTypes.Split(',');
        var paths = new List<PathCase>
        {
            new("no permit", [], HeadKind.Clean, true, true, Answer.None, "NoPermit", "no permit", 0, 0, 0),
            new("dead", types, HeadKind.Dead, true, true, Answer.None, "Excluded", "MissingOrDead", 0, 0, 0),
            new("death act in ZAGS", types, HeadKind.ZagsDeathAct, true, true, Answer.None, "Excluded", "MissingOrDead", 0, 0, 0),
            new("missing", types, HeadKind.Missing, true, true, Answer.None, "Excluded", "MissingOrDead", 0, 0, 0),
            new("abroad", types, HeadKind.Abroad, true, true, Answer.None, "Excluded", "ResidesAbroad", 0, 0, 0),
            new("incapacitated", types, HeadKind.Incapacitated, true, true, Answer.None, "Excluded", "Incapacitated", 0, 0, 0),
            new("imprisoned", types, HeadKind.Imprisoned, true, true, Answer.None, "Excluded", "Imprisoned", 0, 0, 0),
            new("no consent", types, HeadKind.Clean, false, true, Answer.None, "NoConsent", "NotFound", 0, 0, 0),
            new("no phone", types, HeadKind.Clean, true, false, Answer.None, noPhone, "no registered mobile", 0, 0, 0),
            new("reply 1", types, HeadKind.Clean, true, true, Answer.OneAtOnce, "Completed", "SDU", 1, types.Length, 1),
            new("reply 2", types, HeadKind.Clean, true, true, Answer.TwoAtOnce, refused, "refused", 1, 0, 0),
            new("no reply, resend, reply 1", types, HeadKind.Clean, true, true, Answer.OneAfterResend, "Completed", "SDU", 2, types.Length, 1),
            new("no reply twice", types, HeadKind.Clean, true, true, Answer.Never, "NoReply", "no reply", 2, 0, 0),
        };
        foreach (var path in paths)
        {
            await path.Company.RegisterAsync(fixture.WireMock, path.Permits, path.Head, path.Consent, path.Phone);
        }

        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var gateway = await InProcessGateway.StartAsync(fixture, GatewaySection(), ReissueTestSettings.Adapters(fixture), b => b.Services.AddSingleton<TimeProvider>(time));
        var client = gateway.SyncClient(fixture);
        Task<GatewayAnswer> Post(string serviceId, string data) =>
            client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request(serviceId, "PORTAL", fixture.Password, $"<data>{data}</data>"), fixture.Pki.Client));
        async Task<string> ReplyAsync(PathCase path, string text) =>
            (await Post("REISSUE_SMS_REPLY", $"<smsReply xmlns='{Ns}'><phone>{path.Company.Phone}</phone><text>{text}</text></smsReply>")).Text;
        string CaseId(PathCase path) => $"{service}-{path.Company.Bin}";

        // Act: the notices; then the replies and the waits in the order a person would see them.
        foreach (var path in paths)
        {
            var answer = await Post("REISSUE_NAME_CHANGE", $"<nameChange xmlns='{Ns}'><noticeId>paths-{path.Company.Bin}</noticeId><bin>{path.Company.Bin}</bin></nameChange>");
            Assert.True(answer.FaultCode is null, answer.ToString());
        }

        foreach (var path in paths.Where(p => p.Answer != Answer.None))
        {
            Assert.Equal("AwaitingReply/1", await WaitAsync(gateway.BaseUrl, CaseId(path), "AwaitingReply", 1));
        }

        var replies = new Dictionary<string, string>
        {
            ["reply 1"] = await ReplyAsync(paths.Single(p => p.Answer == Answer.OneAtOnce), "1"),
            ["reply 2"] = await ReplyAsync(paths.Single(p => p.Answer == Answer.TwoAtOnce), "2"),
        };
        time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        foreach (var path in paths.Where(p => p.Answer is Answer.OneAfterResend or Answer.Never))
        {
            Assert.Equal("AwaitingReply/2", await WaitAsync(gateway.BaseUrl, CaseId(path), "AwaitingReply", 2));
        }

        replies["after resend"] = await ReplyAsync(paths.Single(p => p.Answer == Answer.OneAfterResend), "1");
        time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));

        // Assert: each case's end, and what each other system received for it.
        var sms = await fixture.WireMock.FindAsync("/sms");
        var elicense = await fixture.WireMock.FindAsync("/elicense");
        var sdu = await fixture.WireMock.FindAsync("/sdu");
        Assert.Contains("<outcome>Accepted</outcome>", replies["reply 1"], StringComparison.Ordinal);
        Assert.Contains("<outcome>Refused</outcome>", replies["reply 2"], StringComparison.Ordinal);
        Assert.Contains("<outcome>Accepted</outcome>", replies["after resend"], StringComparison.Ordinal);
        foreach (var path in paths)
        {
            var (state, outcome) = await FinalAsync(gateway.BaseUrl, CaseId(path), path.State);
            var expected = $"{path.Name}: {path.State}, {path.Sms} SMS, {path.Reissues} reissued, {path.SduWrites} SDU";
            var actual = $"{path.Name}: {state}, "
                + $"{sms.Count(r => r.Body.Contains("SmsSendRequest", StringComparison.Ordinal) && r.Body.Contains(path.Company.Phone, StringComparison.Ordinal))} SMS, "
                + $"{elicense.Count(r => r.Body.Contains("ReissueRequest", StringComparison.Ordinal) && r.Body.Contains(path.Company.Bin, StringComparison.Ordinal))} reissued, "
                + $"{sdu.Count(r => r.Body.Contains(path.Company.Bin, StringComparison.Ordinal))} SDU";
            Assert.Equal(expected, actual);
            Assert.Contains(path.Outcome, outcome, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<string> WaitAsync(string baseUrl, string caseId, string state, int smsCount)
    {
        static string StateAndSms(JsonElement? c) => c is null ? "(none)" : $"{ReissueAdmin.State(c)}/{ReissueAdmin.SmsCount(c.Value)}";
        return StateAndSms(await ReissueAdmin.WaitForCaseAsync(fixture.Client.Http, baseUrl, caseId, c => StateAndSms(c) == $"{state}/{smsCount}", TimeSpan.FromSeconds(60)));
    }

    private async Task<(string State, string Outcome)> FinalAsync(string baseUrl, string caseId, string state)
    {
        var c = await ReissueAdmin.WaitForCaseAsync(fixture.Client.Http, baseUrl, caseId, c => ReissueAdmin.State(c) == state, TimeSpan.FromSeconds(60));
        return c is null ? ("(none)", string.Empty) : (ReissueAdmin.State(c), c.Value.GetProperty("outcome").GetString() ?? string.Empty);
    }

    private object GatewaySection() => new
    {
        Participants = new object[]
        {
            new { SenderId = "PORTAL", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.ClientBin, Services = new[] { "REISSUE_SMS_REPLY", "REISSUE_NAME_CHANGE" } },
            new { SenderId = "MONITORING", PasswordHash = PasswordHasher.Hash(fixture.Password, 1000), Bin = fixture.Pki.OtherBin, Services = Array.Empty<string>(), PushUrl = fixture.WireMock.BaseUrl + "/push/monitoring" },
        },
        Monitoring = new { Recipient = "MONITORING" },
        Reissue = new { Enabled = true, PollSeconds = 1, FeedPollMinutes = 0 },
    };

    /// <summary>One path: the company's answers, how its head replies, and what must come of it.</summary>
    private sealed record PathCase(string Name, string[] Permits, HeadKind Head, bool Consent, bool Phone, Answer Answer, string State, string Outcome, int Sms, int Reissues, int SduWrites)
    {
        public SyntheticCompany Company { get; } = SyntheticCompany.Next();
    }
}

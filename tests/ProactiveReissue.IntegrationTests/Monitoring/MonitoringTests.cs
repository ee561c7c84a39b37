using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProactiveReissue.Gateway.Monitoring;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Monitoring.Statuses;
using ProactiveReissue.Monitoring.Xml;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.IntegrationTests.Monitoring;

/// <summary>Monitoring rules §5, §7, §9–§11 through the real gateway, queue and WireMock.</summary>
[Collection(GatewayCollection.Name)]
public sealed class MonitoringTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Publish_StatusesOfTwoApplications_ArriveSignedLocalAndInOrderPerApplication()
    {
        var publisher = fixture.Services.GetRequiredService<MonitoringPublisher>();
        var factory = new ApplicationStatusFactory("ECO_PERMIT_REISSUE", new Party("990340001230", "Министерство экологии (тест)"), TimeProvider.System);
        var a = "APP-A-" + Guid.NewGuid().ToString("N")[..8];
        var b = "APP-B-" + Guid.NewGuid().ToString("N")[..8];
        var codes = new[] { MonitoringStatusCode.CaseOpened, MonitoringStatusCode.PermitFound, MonitoringStatusCode.HeadIdentified, MonitoringStatusCode.SmsSent };

        foreach (var code in codes)
        {
            await publisher.PublishAsync(factory.Create(a, code), default);
            await publisher.PublishAsync(factory.Create(b, code), default);
        }

        var received = await WaitForAsync(a, b, codes.Length * 2);
        foreach (var application in new[] { a, b })
        {
            var statuses = received.Where(r => r.ApplicationNumber == application).ToList();
            Assert.Equal(codes, statuses.Select(s => s.StatusCode));
            Assert.All(statuses, s => Assert.Equal(TimeSpan.FromHours(5), s.StatusDate.Offset));
        }
    }

    [Fact]
    public async Task ApplicationRequest_FromMonitoring_ReachesTheProviderAndTheResultComesBack()
    {
        var client = new ShepTestClient(fixture.Client.Http, fixture.AsyncUrl, fixture.Pki.Gateway.Certificate);
        var request = "<data><mon:ApplicationRequest xmlns:mon=\"urn:proactive-reissue:monitoring:v1\" applicationNumber=\"APP-7\"/></data>";
        var sent = await client.PostAsync(ShepTestClient.Signed(AsyncEnvelopes.Send("MONITORING_APPLICATION", "REQUEST", GatewayFixture.Monitoring, fixture.Password, data: request), fixture.Pki.WrongBin));
        var correlationId = sent.Soap.Document.GetElementsByTagName("correlationId")[0]!.InnerText;

        var pulled = await client.PostAsync(ShepTestClient.Signed(AsyncEnvelopes.GetMessages("MONITORING_APPLICATION", GatewayFixture.PullProvider, fixture.Password, 100), fixture.Pki.WrongBin));
        var answered = await client.PostAsync(ShepTestClient.Signed(
            AsyncEnvelopes.Send("MONITORING_APPLICATION", "RESPONSE", GatewayFixture.PullProvider, fixture.Password, correlationId, "<data><result>APPROVED</result></data>"), fixture.Pki.WrongBin));

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains(correlationId, pulled.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answered.Status);
        var messageId = answered.Soap.Document.GetElementsByTagName("messageId")[0]!.InnerText;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && !(await fixture.WireMock.ReceivedBodiesAsync("/push/monitoring")).Any(x => x.Contains(messageId, StringComparison.Ordinal)))
        {
            await Task.Delay(100);
        }

        Assert.Contains(await fixture.WireMock.ReceivedBodiesAsync("/push/monitoring"), x => x.Contains(messageId, StringComparison.Ordinal) && x.Contains("<result>APPROVED</result>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Schema_IsServed()
    {
        var xsd = await fixture.Client.Http.GetStringAsync(fixture.BaseUrl + MonitoringSchema.ServedPath);

        Assert.Contains("urn:proactive-reissue:monitoring:v1", xsd, StringComparison.Ordinal);
    }

    private async Task<List<ApplicationStatus>> WaitForAsync(string a, string b, int count)
    {
        var clock = Stopwatch.StartNew();
        var result = new List<ApplicationStatus>();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            result.Clear();
            foreach (var body in await fixture.WireMock.ReceivedBodiesAsync("/push/monitoring"))
            {
                if (!body.Contains(a, StringComparison.Ordinal) && !body.Contains(b, StringComparison.Ordinal))
                {
                    continue;
                }

                var soap = SoapEnvelopeReader.Read(SafeXml.LoadString(body));
                var data = soap.Document.GetElementsByTagName("data")[0] as System.Xml.XmlElement;
                var verified = new BusinessSignature(SignatureAlgorithmSet.Default).Verify(data, required: true, XmlLimits.Default);
                Assert.Equal(fixture.Pki.Gateway.Certificate.Thumbprint, verified!.Certificate.Thumbprint);
                result.Add((ApplicationStatus)MonitoringMessageReader.Read(verified.SignedElement));
            }

            if (result.Count >= count)
            {
                return result;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"only {result.Count} of {count} statuses arrived");
    }
}

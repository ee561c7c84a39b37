using ProactiveReissue.Adapters.Shep;
using ProactiveReissue.Adapters.Sms;

namespace ProactiveReissue.IntegrationTests.Adapters;

[Collection(AdapterCollection.Name)]
public sealed class SmsAdapterTests(AdapterFixture fixture)
{
    private const string Text = "Уважаемый (ая) гражданин (ка)! … 1 согласен(на), 2-не согласен(на). … 1414.";

    private SmsAdapter Adapter() => new(fixture.Http(), fixture.Options<SmsOptions>("sms"), TimeProvider.System);

    [Fact]
    public async Task GetRepliesAsync_ReplyArrivesAfterSend_SeenOnALaterPoll()
    {
        await fixture.ResetScenariosAsync();
        var adapter = Adapter();

        var beforeSend = await adapter.GetRepliesAsync(Population.SmsDeliveryId, CancellationToken.None);
        var sent = await adapter.SendAsync("+77010000101", Text, "ru", "case-0001-sms-1", CancellationToken.None);
        var firstPoll = await adapter.GetRepliesAsync(sent.Value!, CancellationToken.None);
        var secondPoll = await adapter.GetRepliesAsync(sent.Value!, CancellationToken.None);

        Assert.Empty(beforeSend.Value!);
        Assert.Equal(Population.SmsDeliveryId, sent.Value);
        Assert.Empty(firstPoll.Value!);
        var reply = Assert.Single(secondPoll.Value!);
        Assert.Equal("1", reply.Text);
    }

    [Fact]
    public async Task SendAsync_ConnectionResetWithoutRequestId_IsNotRetried()
    {
        var id = await fixture.WireMock.AddMappingAsync("""
            { "priority": 1, "request": { "method": "POST", "urlPath": "/sms-reset" }, "response": { "fault": "CONNECTION_RESET_BY_PEER" } }
            """);
        try
        {
            var adapter = new SmsAdapter(fixture.Http(), fixture.Options<SmsOptions>("sms-reset", o => o.RetryCount = 3), TimeProvider.System);

            var outcome = await adapter.SendAsync("+77010000101", Text, "ru", null, CancellationToken.None);

            Assert.Equal(AdapterOutcomeKind.Unavailable, outcome.Kind);
            Assert.Single(await fixture.WireMock.ReceivedBodiesAsync("/sms-reset"));
        }
        finally
        {
            await fixture.WireMock.RemoveMappingAsync(id);
        }
    }

    [Fact]
    public async Task SendAsync_ConnectionResetWithRequestId_IsRetried()
    {
        var id = await fixture.WireMock.AddMappingAsync("""
            { "priority": 1, "request": { "method": "POST", "urlPath": "/sms-reset-idempotent" }, "response": { "fault": "CONNECTION_RESET_BY_PEER" } }
            """);
        try
        {
            var adapter = new SmsAdapter(fixture.Http(), fixture.Options<SmsOptions>("sms-reset-idempotent", o => o.RetryCount = 2), TimeProvider.System);

            var outcome = await adapter.SendAsync("+77010000101", Text, "ru", "case-0002-sms-1", CancellationToken.None);

            Assert.Equal(AdapterOutcomeKind.Unavailable, outcome.Kind);
            var sent = await fixture.WireMock.ReceivedBodiesAsync("/sms-reset-idempotent");
            Assert.Equal(3, sent.Count);
            Assert.All(sent, b => Assert.Contains("<requestId>case-0002-sms-1</requestId>", b, StringComparison.Ordinal));
        }
        finally
        {
            await fixture.WireMock.RemoveMappingAsync(id);
        }
    }
}

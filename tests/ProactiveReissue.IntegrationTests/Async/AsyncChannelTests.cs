using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Xml;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep.Async;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.IntegrationTests.Async;

/// <summary>The asynchronous channel through the real gateway: push and pull, notifications, states.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AsyncChannelTests(GatewayFixture fixture)
{
    private ShepTestClient Client => new(fixture.Client.Http, fixture.AsyncUrl, fixture.Pki.Gateway.Certificate);

    [Fact]
    public async Task SendMessage_RecipientWithEndpoint_IsPushedSignedAndSenderIsToldDelivered()
    {
        var sent = await SendAsync(AsyncEnvelopes.Send("ASYNC_PUSH", "REQUEST", GatewayFixture.Sender, fixture.Password), fixture.Pki.Client);
        var messageId = Text(sent, "messageId");

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        sent.AssertSignedByGateway();
        Assert.Equal(messageId, Text(sent, "correlationId"));
        var pushed = await WaitForBodyAsync("/push/provider", messageId);
        var soap = SoapEnvelopeReader.Read(SafeXml.LoadString(pushed));
        Assert.Equal(AsyncMessageWriter.ClientTypesNamespace, soap.Operation.NamespaceURI);
        Assert.Equal("sendMessage", soap.Operation.LocalName);
        new WsSecurityVerifier(SignatureAlgorithmSet.Default, CertificateCollectionResolver.Empty, TimeProvider.System, TimeSpan.FromMinutes(5)).Verify(soap);
        Assert.Equal("DELIVERED", await WaitForStateAsync(messageId, "DELIVERED"));
        var notice = await WaitForBodyAsync("/push/client", messageId, "changeMassageStatusNotification");
        Assert.Contains("<messageState>DELIVERED</messageState>", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMessages_PullRecipient_ReadsOnlyItsOwnAndNotificationDelivers()
    {
        var sent = await SendAsync(AsyncEnvelopes.Send("ASYNC_PULL", "REQUEST", GatewayFixture.Sender, fixture.Password), fixture.Pki.Client);
        var messageId = Text(sent, "messageId");

        var byOther = await SendAsync(AsyncEnvelopes.GetMessages("ASYNC_PULL", GatewayFixture.Sender, fixture.Password), fixture.Pki.Client);
        var pulled = await SendAsync(AsyncEnvelopes.GetMessages("ASYNC_PULL", GatewayFixture.PullProvider, fixture.Password, amount: 100), fixture.Pki.WrongBin);
        var before = await StateAsync(messageId);
        var accepted = await SendAsync(AsyncEnvelopes.Notify(messageId, GatewayFixture.PullProvider, fixture.Password, "MESSAGE_ACCEPTED"), fixture.Pki.WrongBin);
        var after = await StateAsync(messageId);

        Assert.DoesNotContain(messageId, byOther.Text, StringComparison.Ordinal);
        Assert.Contains(messageId, pulled.Text, StringComparison.Ordinal);
        Assert.Equal("ON_DELIVERY", before);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal("DELIVERED", after);
        var again = await SendAsync(AsyncEnvelopes.GetMessages("ASYNC_PULL", GatewayFixture.PullProvider, fixture.Password, amount: 100), fixture.Pki.WrongBin);
        Assert.DoesNotContain(messageId, again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_ResponseInConversation_GoesBackToTheRequester()
    {
        var request = await SendAsync(AsyncEnvelopes.Send("ASYNC_PULL", "REQUEST", GatewayFixture.Sender, fixture.Password), fixture.Pki.Client);
        var correlationId = Text(request, "correlationId");

        var response = await SendAsync(AsyncEnvelopes.Send("ASYNC_PULL", "RESPONSE", GatewayFixture.PullProvider, fixture.Password, correlationId, "<data><result>approved</result></data>"), fixture.Pki.WrongBin);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(correlationId, Text(response, "correlationId"));
        var pushed = await WaitForBodyAsync("/push/client", Text(response, "messageId"), "sendMessage");
        Assert.Contains("<messageType>RESPONSE</messageType>", pushed, StringComparison.Ordinal);
        Assert.Contains("<result>approved</result>", pushed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("REQUEST", "any-correlation", "SCE042")]
    [InlineData("RESPONSE", null, "SCE042")]
    [InlineData("RESPONSE", "no-such-conversation", "SCE041")]
    public async Task SendMessage_TypeRuleBroken_IsRefused(string type, string? correlationId, string code)
    {
        var answer = await SendAsync(AsyncEnvelopes.Send("ASYNC_PULL", type, GatewayFixture.Sender, fixture.Password, correlationId), fixture.Pki.Client);

        Assert.Equal(code, answer.FaultCode);
        Assert.Equal("sendMessageFault1_sendMessageFault", answer.Soap.Operation["detail"]!.FirstChild!.LocalName);
        answer.AssertSignedByGateway();
    }

    [Fact]
    public async Task SendMessage_ResponseFromSomeoneElse_IsNotAParty()
    {
        var request = await SendAsync(AsyncEnvelopes.Send("ASYNC_PULL", "REQUEST", GatewayFixture.Sender, fixture.Password), fixture.Pki.Client);

        var forged = await SendAsync(AsyncEnvelopes.Send("ASYNC_PULL", "RESPONSE", GatewayFixture.Sender, fixture.Password, Text(request, "correlationId")), fixture.Pki.Client);

        Assert.Equal("SCE043", forged.FaultCode);
    }

    [Fact]
    public async Task SendMessage_RecipientStaysDown_EndsDeliveryStoppedAndIsADeadLetter()
    {
        var sent = await SendAsync(AsyncEnvelopes.Send("ASYNC_DOWN", "REQUEST", GatewayFixture.Sender, fixture.Password), fixture.Pki.Client);
        var messageId = Text(sent, "messageId");

        Assert.Equal("DELIVERY_STOPPED", await WaitForStateAsync(messageId, "DELIVERY_STOPPED"));
        var notice = await WaitForBodyAsync("/push/client", messageId, "changeMassageStatusNotification");
        Assert.Contains("DELIVERY_STOPPED", notice, StringComparison.Ordinal);
        using var dead = JsonDocument.Parse(await fixture.Client.Http.GetStringAsync(fixture.BaseUrl + "/admin/queue/dead-letters"));
        var entry = dead.RootElement.EnumerateArray().Single(e => e.GetProperty("messageId").GetString() == messageId);
        Assert.Equal(3, entry.GetProperty("attempts").GetInt32());
        using var inspected = JsonDocument.Parse(await fixture.Client.Http.GetStringAsync(fixture.BaseUrl + "/admin/queue/messages/" + entry.GetProperty("sequence").GetInt64()));
        Assert.Contains(messageId, inspected.RootElement.GetProperty("payload").GetString(), StringComparison.Ordinal);
        Assert.Equal("HTTP 503", inspected.RootElement.GetProperty("lastError").GetString()!.Split("last: ").Last());
        using var journal = JsonDocument.Parse(await fixture.Client.Http.GetStringAsync(fixture.BaseUrl + "/admin/messages?messageId=" + messageId));
        Assert.Equal(3, journal.RootElement.EnumerateArray().Count(e => e.GetProperty("hop").GetString() == "delivery-attempt"));
    }

    [Fact]
    public async Task Metrics_PushDeliveredAndRecipientDown_CountAttemptsByOutcomeAndTheDeadLetter()
    {
        // Arrange: one recipient that answers, one that stays down (503)
        var delivered = await SendAsync(AsyncEnvelopes.Send("ASYNC_PUSH", "REQUEST", GatewayFixture.Sender, fixture.Password), fixture.Pki.Client);
        var stopped = await SendAsync(AsyncEnvelopes.Send("ASYNC_DOWN", "REQUEST", GatewayFixture.Sender, fixture.Password), fixture.Pki.Client);

        // Act
        await WaitForStateAsync(Text(delivered, "messageId"), "DELIVERED");
        await WaitForStateAsync(Text(stopped, "messageId"), "DELIVERY_STOPPED");
        var text = await fixture.Client.Http.GetStringAsync(fixture.BaseUrl + "/metrics");

        // Assert
        Assert.Matches(@"(?m)^queue_delivery_attempts_total\{destination=""http://[^""]+"",outcome=""delivered""\} [1-9]\d*$", text);
        Assert.Matches(@"(?m)^queue_delivery_attempts_total\{destination=""http://[^""]+"",outcome=""retry""\} [3-9]\d*$", text);
        Assert.Matches(@"(?m)^queue_dead_letters_total\{reason=""gave_up""\} [1-9]\d*$", text);
        Assert.Matches(@"(?m)^queue_backlog \d+$", text);
    }

    [Fact]
    public async Task Wsdl_IsServed()
    {
        var text = await fixture.Client.Http.GetStringAsync(fixture.AsyncUrl + "?wsdl");

        Assert.Contains("getMessageStatusFault1_getMessageStatusFault", text, StringComparison.Ordinal);
        Assert.Contains(fixture.AsyncUrl, text, StringComparison.Ordinal);
    }

    private Task<GatewayAnswer> SendAsync(XmlDocument document, SigningCredentials credentials) =>
        Client.PostAsync(ShepTestClient.Signed(document, credentials));

    private static string Text(GatewayAnswer answer, string name) =>
        answer.Soap.Document.GetElementsByTagName(name).Item(0)?.InnerText ?? throw new InvalidOperationException($"no <{name}> in {answer.Text}");

    private async Task<string> StateAsync(string messageId)
    {
        var answer = await SendAsync(AsyncEnvelopes.Status(messageId, GatewayFixture.Sender, fixture.Password), fixture.Pki.Client);
        return Text(answer, "messageState");
    }

    private async Task<string> WaitForStateAsync(string messageId, string wanted)
    {
        var clock = Stopwatch.StartNew();
        var state = await StateAsync(messageId);
        while (state != wanted && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
            state = await StateAsync(messageId);
        }

        return state;
    }

    private async Task<string> WaitForBodyAsync(string path, string messageId, string? operation = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var body = (await fixture.WireMock.ReceivedBodiesAsync(path)).FirstOrDefault(b => b.Contains(messageId, StringComparison.Ordinal) && (operation is null || b.Contains(":" + operation, StringComparison.Ordinal)));
            if (body is not null)
            {
                return body;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Nothing with {messageId} reached {path} within 30 s.");
    }
}

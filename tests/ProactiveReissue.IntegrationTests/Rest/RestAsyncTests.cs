using System.Net;
using System.Text;
using System.Text.Json;
using ProactiveReissue.Gateway.Rest;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep.Security;

namespace ProactiveReissue.IntegrationTests.Rest;

/// <summary>The REST twin of the asynchronous channel: JWS both ways, same rules, same states.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RestAsyncTests(GatewayFixture fixture)
{
    [Fact]
    public async Task SendMessage_Json_IsPulledAcceptedAndReportedDelivered()
    {
        var sent = await PostAsync("send-message", new
        {
            messageInfo = new { serviceId = "ASYNC_PULL", messageType = "REQUEST", messageDate = "2026-11-22T10:00:00+06:00", sender = new { senderId = GatewayFixture.Sender, password = fixture.Password } },
            messageData = new { xml = "<application xmlns='urn:test:rest-async'><number>R-1</number></application>" },
        }, fixture.Pki.Client);
        var messageId = sent.GetProperty("messageId").GetString()!;

        var pulled = await PostAsync("get-messages", new { receiver = new { senderId = GatewayFixture.PullProvider, password = fixture.Password }, serviceId = "ASYNC_PULL", amount = 100 }, fixture.Pki.WrongBin);
        await PostAsync("send-delivery-notification", new { messageId, receiver = new { senderId = GatewayFixture.PullProvider, password = fixture.Password }, receiveStatus = "MESSAGE_ACCEPTED" }, fixture.Pki.WrongBin);
        var status = await PostAsync("get-message-status", new { messageId, sender = new { senderId = GatewayFixture.Sender, password = fixture.Password } }, fixture.Pki.Client);

        Assert.Equal(messageId, sent.GetProperty("correlationId").GetString());
        Assert.Contains(pulled.GetProperty("messages").EnumerateArray(), m => m.GetProperty("messageInfo").GetProperty("messageId").GetString() == messageId
            && m.GetProperty("messageData").GetProperty("xml").GetString()!.Contains("R-1", StringComparison.Ordinal));
        Assert.Equal("DELIVERED", status.GetProperty("messageState").GetString());
        Assert.EndsWith("+05:00", status.GetProperty("status").GetProperty("statusDate").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_ResponseWithoutCorrelation_IsProblemSce042()
    {
        using var response = await SendAsync("send-message", new
        {
            messageInfo = new { serviceId = "ASYNC_PULL", messageType = "RESPONSE", messageDate = "2026-11-22T10:00:00", sender = new { senderId = GatewayFixture.Sender, password = fixture.Password } },
            messageData = new { data = new { any = "json" } },
        }, fixture.Pki.Client);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("SCE042", json.RootElement.GetProperty("code").GetString());
    }

    private async Task<JsonElement> PostAsync(string operation, object body, SigningCredentials signer)
    {
        using var response = await SendAsync(operation, body, signer);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, Encoding.UTF8.GetString(bytes));
        DetachedJws.Verify(response.Headers.GetValues(DetachedJws.HeaderName).Single(), bytes);
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> SendAsync(string operation, object body, SigningCredentials signer)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.BaseUrl + RestAsyncEndpoints.Prefix + operation) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation(DetachedJws.HeaderName, DetachedJws.Sign(bytes, signer));
        return await fixture.Client.Http.SendAsync(request);
    }
}

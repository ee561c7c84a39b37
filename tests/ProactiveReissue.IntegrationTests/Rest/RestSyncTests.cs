using System.Net;
using System.Text;
using System.Text.Json;
using ProactiveReissue.Gateway.Rest;
using ProactiveReissue.IntegrationTests.Infrastructure;

namespace ProactiveReissue.IntegrationTests.Rest;

[Collection(GatewayCollection.Name)]
public sealed class RestSyncTests(GatewayFixture fixture)
{
    private string Url => fixture.BaseUrl + RestSyncEndpoint.Path;

    [Fact]
    public async Task SendMessage_JwsSignedJson_IsAnsweredAndSignedByGateway()
    {
        var body = Body("ECHO", GatewayFixture.Sender, fixture.Password, "\"data\": {\"iin\": \"850312300013\"}");

        using var response = await PostAsync(body, DetachedJws.Sign(body, fixture.Pki.Client));

        var text = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signer = DetachedJws.Verify(response.Headers.GetValues(DetachedJws.HeaderName).Single(), text);
        Assert.Equal(fixture.Pki.Gateway.Certificate.Thumbprint, signer.Thumbprint);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("SCSS001", json.RootElement.GetProperty("responseInfo").GetProperty("status").GetProperty("code").GetString());
        Assert.Contains("<result>ok</result>", json.RootElement.GetProperty("responseData").GetProperty("xml").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_XmlStringPayload_IsForwardedAsElements()
    {
        var messageId = Guid.NewGuid().ToString();
        var body = Body("ECHO", GatewayFixture.Sender, fixture.Password, "\"xml\": \"<person xmlns='urn:test'><iin>850312300013</iin></person>\"", messageId);

        using var response = await PostAsync(body, DetachedJws.Sign(body, fixture.Pki.Client));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = (await fixture.WireMock.ReceivedBodiesAsync("/test/echo")).Last(b => b.Contains(messageId, StringComparison.Ordinal));
        Assert.Contains("<person xmlns=\"urn:test\"><iin>850312300013</iin></person>", forwarded, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "SCE007", 401)]
    [InlineData("eyJhbGciOiJub25lIn0..", "SCE008", 401)]
    [InlineData("garbage", "SCE006", 401)]
    public async Task SendMessage_BadJws_IsAProblemWithTheFaultCode(string? jws, string code, int status)
    {
        var body = Body("ECHO", GatewayFixture.Sender, fixture.Password, "\"data\": 1");

        using var response = await PostAsync(body, jws);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, json.RootElement.GetProperty("code").GetString());
        Assert.Equal("urn:proactive-reissue:fault:" + code, json.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task SendMessage_TamperedBody_IsRefusedAsInvalidSignature()
    {
        var body = Body("ECHO", GatewayFixture.Sender, fixture.Password, "\"data\": 1");
        var jws = DetachedJws.Sign(body, fixture.Pki.Client);
        var tampered = Body("ECHO", GatewayFixture.Sender, fixture.Password, "\"data\": 2");

        using var response = await PostAsync(tampered, jws);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("SCE006", json.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task SendMessage_UnknownService_IsProblem404WithSce004()
    {
        var body = Body("NO_SUCH", GatewayFixture.Sender, fixture.Password, "\"data\": 1");

        using var response = await PostAsync(body, DetachedJws.Sign(body, fixture.Pki.Client));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("SCE004", json.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task OpenApi_IsServed()
    {
        using var json = JsonDocument.Parse(await fixture.Client.Http.GetStringAsync(fixture.BaseUrl + "/openapi/v1.json"));

        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty(RestSyncEndpoint.Path, out _));
    }

    private static byte[] Body(string serviceId, string sender, string password, string data, string? messageId = null) =>
        Encoding.UTF8.GetBytes(
            "{\"requestInfo\":{\"messageId\":\"" + (messageId ?? Guid.NewGuid().ToString()) + "\",\"serviceId\":\"" + serviceId +
            "\",\"messageDate\":\"2026-11-22T10:00:00+06:00\",\"sender\":{\"senderId\":\"" + sender + "\",\"password\":\"" + password +
            "\"}},\"requestData\":{" + data + "}}");

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? jws)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        if (jws is not null)
        {
            request.Headers.TryAddWithoutValidation(DetachedJws.HeaderName, jws);
        }

        return await fixture.Client.Http.SendAsync(request);
    }
}

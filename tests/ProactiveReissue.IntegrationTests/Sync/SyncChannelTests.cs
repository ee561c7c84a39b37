using System.Net;
using System.Xml;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.IntegrationTests.Sync;

[Collection(GatewayCollection.Name)]
public sealed class SyncChannelTests(GatewayFixture fixture)
{
    private ShepTestClient Client => fixture.Client;

    [Fact]
    public async Task SendMessage_SignedRequest_IsForwardedSignedAndAnsweredSigned()
    {
        var messageId = Guid.NewGuid().ToString();
        var request = ShepTestClient.Request("ECHO", GatewayFixture.Sender, fixture.Password, messageId: messageId);

        var answer = await Client.PostAsync(ShepTestClient.Signed(request, fixture.Pki.Client));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        answer.AssertSignedByGateway();
        var response = answer.Response;
        Assert.Equal(SyncStatus.Success, response.Info.StatusCode);
        Assert.Matches(@"^\{[0-9a-f\-]{36}\}$", response.Info.SessionId);
        Assert.Equal("ok", response.Data!.InnerText);
        Assert.EndsWith("+05:00", answer.Soap.Document.GetElementsByTagName("responseDate")[0]!.InnerText, StringComparison.Ordinal);

        var forwarded = await ForwardedAsync("/test/echo", messageId);
        var soap = SoapEnvelopeReader.Read(SafeXml.LoadString(forwarded));
        var verified = new WsSecurityVerifier(SignatureAlgorithmSet.Default, CertificateCollectionResolver.Empty, TimeProvider.System, TimeSpan.FromMinutes(5)).Verify(soap);
        Assert.Equal(fixture.Pki.Gateway.Certificate.Thumbprint, verified.Certificate.Thumbprint);
        var forwardedRequest = SyncMessageReader.ReadRequest(soap);
        Assert.Equal(response.Info.SessionId, forwardedRequest.Info.SessionId);
        Assert.EndsWith("+05:00", soap.Document.GetElementsByTagName("messageDate")[0]!.InnerText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inline")]
    [InlineData("string")]
    [InlineData("typed")]
    [InlineData("cdata")]
    public async Task SendMessage_EachDataStyle_IsPassedOnWithItsMeaning(string style)
    {
        var dataXml = Gateway.GatewayCommands.ExampleData(style);
        var messageId = Guid.NewGuid().ToString();
        var request = ShepTestClient.Request("ECHO", GatewayFixture.Sender, fixture.Password, dataXml, messageId);
        var original = SyncMessageReader.ReadRequest(SoapEnvelopeReader.Read(request)).Data!;

        var answer = await Client.PostAsync(ShepTestClient.Signed(request, fixture.Pki.Client));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var forwarded = SyncMessageReader.ReadRequest(SoapEnvelopeReader.Read(SafeXml.LoadString(await ForwardedAsync("/test/echo", messageId)))).Data!;
        Assert.Equal(original.InnerText, forwarded.InnerText);
        Assert.Equal(original.InnerXml, forwarded.InnerXml);
        var originalType = original.GetAttribute("type", ShepNamespaces.Xsi);
        Assert.Equal(originalType, forwarded.GetAttribute("type", ShepNamespaces.Xsi));
        if (originalType.Contains(':', StringComparison.Ordinal))
        {
            var prefix = originalType[..originalType.IndexOf(':', StringComparison.Ordinal)];
            Assert.Equal(original.GetNamespaceOfPrefix(prefix), forwarded.GetNamespaceOfPrefix(prefix));
        }

        Assert.Equal(original.ChildNodes.OfType<XmlCDataSection>().Count(), forwarded.ChildNodes.OfType<XmlCDataSection>().Count());
    }

    [Theory]
    [InlineData(KeyInfoStyle.KeyIdentifier)]
    [InlineData(KeyInfoStyle.IssuerSerial)]
    [InlineData(KeyInfoStyle.BinarySecurityToken)]
    public async Task SendMessage_EachKeyInfoForm_IsAccepted(KeyInfoStyle style)
    {
        var request = ShepTestClient.Request("ECHO", GatewayFixture.Sender, fixture.Password);

        var answer = await Client.PostAsync(ShepTestClient.Signed(request, fixture.Pki.Client, style));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Theory]
    [InlineData("ECHO", "NOBODY", "SCE020")]
    [InlineData("ECHO", GatewayFixture.Sender, "SCE021")]
    [InlineData("NO_SUCH_SERVICE", GatewayFixture.Sender, "SCE004")]
    [InlineData("FORBIDDEN", GatewayFixture.Sender, "SCE022")]
    [InlineData("SLOW", GatewayFixture.Sender, "SCE030")]
    [InlineData("RESET", GatewayFixture.Sender, "SCE031")]
    [InlineData("EMPTY", GatewayFixture.Sender, "SCE031")]
    [InlineData("FAULT", GatewayFixture.Sender, "SCE032")]
    [InlineData("UNSIGNED", GatewayFixture.Sender, "SCE033")]
    [InlineData("IMPOSTOR", GatewayFixture.Sender, "SCE033")]
    [InlineData("GARBAGE", GatewayFixture.Sender, "SCE033")]
    [InlineData("ECHO_SIGNED_DATA", GatewayFixture.Sender, "SCE017")]
    public async Task SendMessage_Refused_AnswersSignedFaultWithCode(string serviceId, string sender, string code)
    {
        var password = code == "SCE021" ? "wrong-password" : fixture.Password;
        var request = ShepTestClient.Request(serviceId, sender, password);

        var answer = await Client.PostAsync(ShepTestClient.Signed(request, fixture.Pki.Client));

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal(code, answer.FaultCode);
        answer.AssertSignedByGateway();
        var detail = answer.Soap.Operation["detail"]!.FirstChild as XmlElement;
        Assert.Equal("SendMessageFault1_SendMessageFault", detail!.LocalName);
        Assert.Equal(ShepNamespaces.SyncTypes, detail.NamespaceURI);
        Assert.EndsWith("+05:00", detail["errorDate"]!.InnerText, StringComparison.Ordinal);
        Assert.Matches(@"^\{[0-9a-f\-]{36}\}$", detail["sessionId"]!.InnerText);
    }

    [Fact]
    public async Task SendMessage_ProviderFault_IsPassedOnAsSubError()
    {
        var request = ShepTestClient.Request("FAULT", GatewayFixture.Sender, fixture.Password);

        var answer = await Client.PostAsync(ShepTestClient.Signed(request, fixture.Pki.Client));

        Assert.Equal("SCE032", answer.FaultCode);
        var sub = answer.Soap.Document.GetElementsByTagName("subError")[0] as XmlElement;
        Assert.NotNull(sub);
        Assert.Equal("PRV042", sub!["errorCode"]!.InnerText);
    }

    [Fact]
    public async Task SendMessage_BusinessSignature_IsVerifiedWhenRequired()
    {
        var payload = SafeXml.LoadString("<request xmlns=\"urn:test:gbdul\"><RequestorBIN>" + fixture.Pki.ClientBin + "</RequestorBIN><BIN>" + fixture.Pki.OtherBin + "</BIN></request>");
        BusinessSignature.Sign(payload, fixture.Pki.Client);
        var signedData = "<data>" + payload.DocumentElement!.OuterXml + "</data>";
        var tamperedData = signedData.Replace(fixture.Pki.OtherBin, fixture.Pki.ClientBin, StringComparison.Ordinal);

        var ok = await Client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request("ECHO_SIGNED_DATA", GatewayFixture.Sender, fixture.Password, signedData), fixture.Pki.Client));
        var tampered = await Client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request("ECHO_SIGNED_DATA", GatewayFixture.Sender, fixture.Password, tamperedData), fixture.Pki.Client));

        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal("SCE016", tampered.FaultCode);
    }

    [Fact]
    public async Task SendMessage_ProviderKeepsFailing_OpensTheBreaker()
    {
        var codes = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            var answer = await Client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request("DOWN", GatewayFixture.Sender, fixture.Password), fixture.Pki.Client));
            codes.Add(answer.FaultCode);
        }

        Assert.Equal("SCE031", codes[0]);
        Assert.Equal("SCE034", codes[^1]);
    }

    [Fact]
    public async Task SendMessage_ReplayedMessageId_IsRefusedButOtherSenderMayReuseIt()
    {
        var messageId = Guid.NewGuid().ToString();
        var first = await Client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request("ECHO", GatewayFixture.Sender, fixture.Password, messageId: messageId), fixture.Pki.Client));
        var again = await Client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request("ECHO", GatewayFixture.Sender, fixture.Password, messageId: messageId), fixture.Pki.Client));
        var other = await Client.PostAsync(ShepTestClient.Signed(ShepTestClient.Request("ECHO", GatewayFixture.OtherSender, fixture.Password, messageId: messageId), fixture.Pki.WrongBin));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("SCE018", again.FaultCode);
        Assert.Equal(HttpStatusCode.OK, other.Status);
    }

    private async Task<string> ForwardedAsync(string urlPath, string messageId)
    {
        var bodies = await fixture.WireMock.ReceivedBodiesAsync(urlPath);
        return bodies.Last(b => b.Contains(messageId, StringComparison.Ordinal));
    }
}

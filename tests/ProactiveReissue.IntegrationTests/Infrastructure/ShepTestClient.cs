using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.IntegrationTests.Infrastructure;

/// <summary>A SHEP client for tests: builds, signs and posts SendMessage; reads and verifies the answer.</summary>
public sealed class ShepTestClient(HttpClient http, string url, X509Certificate2 gatewayCertificate)
{
    public HttpClient Http => http;

    public static XmlDocument Request(string serviceId, string sender, string? password, string dataXml = "<data><request xmlns=\"urn:test\"><iin>850312300013</iin></request></data>", string? messageId = null)
    {
        var data = SafeXml.LoadString(dataXml).DocumentElement;
        var info = new RequestInfo(messageId ?? Guid.NewGuid().ToString(), null, serviceId, DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(6)), null,
            new Sender(sender, password), [new MessageProperty("test", "1")], null);
        return SyncMessageWriter.Request(info, data, SoapEnvelopeWriter.NewBodyId());
    }

    public static byte[] Signed(XmlDocument document, SigningCredentials credentials, KeyInfoStyle style = KeyInfoStyle.KeyIdentifier)
    {
        new WsSecuritySigner(credentials, style).Sign(document);
        return SoapEnvelopeWriter.ToBytes(document);
    }

    public async Task<GatewayAnswer> PostAsync(byte[] body, string contentType = "text/xml; charset=utf-8")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await http.PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        return new GatewayAnswer(response.StatusCode, text, gatewayCertificate);
    }

    public Task<GatewayAnswer> PostAsync(string body) => PostAsync(Encoding.UTF8.GetBytes(body));
}

/// <summary>The gateway's answer: status, text, the fault code if any, and a check of its signature.</summary>
public sealed class GatewayAnswer(HttpStatusCode status, string text, X509Certificate2 gatewayCertificate)
{
    public HttpStatusCode Status => status;

    public string Text => text;

    public SoapMessage Soap { get; } = SoapEnvelopeReader.Read(SafeXml.LoadString(text));

    public string? FaultCode =>
        Soap.Operation.LocalName == "Fault" ? Soap.Operation["faultcode"]?.InnerText : null;

    public string? ErrorData =>
        Soap.Operation.LocalName == "Fault" ? Soap.Operation.GetElementsByTagName("errorData").Item(0)?.InnerText : null;

    public SyncResponse Response => SyncMessageReader.ReadResponse(Soap);

    /// <summary>Verifies the gateway's WS-Security signature and that it was made with the gateway's certificate.</summary>
    public void AssertSignedByGateway()
    {
        var verifier = new WsSecurityVerifier(SignatureAlgorithmSet.Default, new CertificateCollectionResolver([gatewayCertificate]), TimeProvider.System, TimeSpan.FromMinutes(5));
        var signature = verifier.Verify(Soap);
        Assert.Equal(gatewayCertificate.Thumbprint, signature.Certificate.Thumbprint);
    }

    public override string ToString() => $"{(int)status} {FaultCode} {ErrorData}";
}

using System.Text;
using System.Text.Json;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway.Pki;

/// <summary>
/// A provider's signed SendMessageResponse, and the WireMock mapping that serves it. WireMock cannot
/// sign, so signed answers are made here with a key made at run time, never committed.
/// </summary>
public static class SignedProviderAnswer
{
    public static string Create(SigningCredentials provider, string payloadXml, DateTimeOffset responseDate, string messageId = "provider-answer-1")
    {
        var holder = SafeXml.LoadString("<data>" + payloadXml + "</data>");
        var info = new ResponseInfo(messageId, null, responseDate, SyncStatus.Success, SyncStatus.SuccessMessage, null);
        var document = SyncMessageWriter.Response(info, holder.DocumentElement, SoapEnvelopeWriter.NewBodyId());
        new WsSecuritySigner(provider).Sign(document);
        return Encoding.UTF8.GetString(SoapEnvelopeWriter.ToBytes(document));
    }

    public static string Mapping(string urlPath, string body, int priority = 5, int? delayMs = null)
    {
        var response = new Dictionary<string, object>
        {
            ["status"] = 200,
            ["headers"] = new Dictionary<string, string> { ["Content-Type"] = "text/xml; charset=utf-8" },
            ["body"] = body,
        };
        if (delayMs is not null)
        {
            response["fixedDelayMilliseconds"] = delayMs.Value;
        }

        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["priority"] = priority,
            ["request"] = new Dictionary<string, string> { ["method"] = "POST", ["urlPath"] = urlPath },
            ["response"] = response,
        });
    }
}

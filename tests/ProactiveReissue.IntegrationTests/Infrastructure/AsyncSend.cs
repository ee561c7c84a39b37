using System.Net;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.IntegrationTests.Infrastructure;

/// <summary>What became of one sendMessage: acknowledged (with the bus's messageId), refused (fault code), or no answer at all.</summary>
public sealed record AsyncSendOutcome(HttpStatusCode? Status, string? MessageId, string? FaultCode)
{
    public bool Acknowledged => MessageId is not null;
}

/// <summary>Posts a signed sendMessage and classifies the answer, without throwing for a dead port or a fault.</summary>
public static class AsyncSend
{
    public static async Task<AsyncSendOutcome> PostAsync(HttpClient http, string baseUrl, byte[] body)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
            using var response = await http.PostAsync(baseUrl + "/bip-async-wss-gost/", content);
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                return new(response.StatusCode, SafeXml.LoadString(text).GetElementsByTagName("messageId")[0]!.InnerText, null);
            }

            var fault = text.Length == 0 ? null : SafeXml.LoadString(text).GetElementsByTagName("faultcode").Item(0)?.InnerText;
            return new(response.StatusCode, null, fault);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or System.Xml.XmlException)
        {
            // No (readable) answer: not acknowledged; the client would send it again, nothing is owed for it.
            return new(null, null, null);
        }
    }
}

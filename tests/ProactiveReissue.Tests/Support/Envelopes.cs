using System.Text;
using System.Xml;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Tests.Support;

/// <summary>Builders for SendMessage envelopes and the parse path the gateway takes (bytes → SafeXml → reader).</summary>
public static class Envelopes
{
    public const string ServiceId = "GBDFL_UniversalServiceSync";
    public const string SenderId = "proactive-client";
    public const string DefaultData = "<data><request xmlns=\"urn:test:gbdfl\"><iin>900101300126</iin></request></data>";

    /// <summary>A complete requestInfo; vary it with a <c>with</c> expression.</summary>
    public static RequestInfo Info(string? messageId = null) => new(
        messageId ?? Guid.NewGuid().ToString(),
        "corr-0001",
        ServiceId,
        new DateTimeOffset(2026, 3, 15, 14, 30, 0, 123, TimeSpan.FromHours(5)),
        "route-7",
        new Sender(SenderId, "s3cret"),
        [new MessageProperty("channel", "proactive"), new MessageProperty("region", "Алматы")],
        "{6f9619ff-8b86-d011-b42d-00c04fc964ff}");

    public static XmlDocument Request(RequestInfo? info = null, string dataXml = DefaultData) =>
        SyncMessageWriter.Request(info ?? Info(), Data(dataXml), SoapEnvelopeWriter.NewBodyId());

    /// <summary>The data element of a snippet that starts with &lt;data …&gt;.</summary>
    public static XmlElement Data(string dataXml) => SafeXml.LoadString(dataXml).DocumentElement!;

    public static string Text(XmlDocument document) => Encoding.UTF8.GetString(SoapEnvelopeWriter.ToBytes(document));

    public static SoapMessage Parse(XmlDocument document) => Parse(SoapEnvelopeWriter.ToBytes(document));

    public static SoapMessage Parse(string xml) => Parse(Encoding.UTF8.GetBytes(xml));

    public static SoapMessage Parse(byte[] bytes) => SoapEnvelopeReader.Read(SafeXml.Load(bytes));

    /// <summary>A SendMessage signed with WS-Security and serialized, as a client puts it on the wire.</summary>
    public static string SignedRequest(SigningCredentials credentials, KeyInfoStyle style = KeyInfoStyle.KeyIdentifier, TimeProvider? time = null, TimeSpan? timestampLifetime = null)
    {
        var document = Request();
        new WsSecuritySigner(credentials, style).Sign(document, time, timestampLifetime);
        return Text(document);
    }

    /// <summary>A SOAP 1.1 envelope around a body snippet, written by hand like a legacy client would.</summary>
    public static string Wire(string bodyContent, string header = "<soapenv:Header/>") =>
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns=\"http://bip.bee.kz/SyncChannel/v10/Types\">"
        + header + "<soapenv:Body>" + bodyContent + "</soapenv:Body></soapenv:Envelope>";
}

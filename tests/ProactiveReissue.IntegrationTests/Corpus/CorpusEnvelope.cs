using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.IntegrationTests.Corpus;

/// <summary>What one run of a case needs: fresh ids and dates, the fixture's password and PKI.</summary>
public sealed class CorpusContext(TestPki pki, string password)
{
    public TestPki Pki => pki;

    public string Password => password;

    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public string MessageId { get; } = Guid.NewGuid().ToString();

    public string BodyId { get; } = SoapEnvelopeWriter.NewBodyId();

    /// <summary>The credentials the envelope was signed with (for post steps that sign again).</summary>
    public SigningCredentials? Signer { get; set; }

    /// <summary>Set by a timestamp pre-step: the signer adds a wsu:Timestamp made at this (shifted) time.</summary>
    public DateTimeOffset? TimestampAt { get; set; }
}

/// <summary>
/// Turns a case into the bytes to post: placeholders filled, pre-steps, WS-Security signature with the
/// named test certificate (the shared <see cref="WsSecuritySigner"/>, as a client would sign), post-steps.
/// </summary>
public static partial class CorpusEnvelope
{
    public const string ControlTemplate = "control.xml";

    public static byte[] Build(CorpusCase c, CorpusContext context)
    {
        var template = File.ReadAllBytes(c.TemplatePath);
        if (c.Raw)
        {
            return template;
        }

        var document = Load(Encoding.UTF8.GetString(template), context);
        foreach (var step in c.Pre)
        {
            CorpusMutations.Pre[step](document, context);
        }

        if (c.Pad > 0)
        {
            var data = document.GetElementsByTagName("data").OfType<XmlElement>().Single();
            SoapEnvelopeWriter.AddText(data, "padding", new string('A', c.Pad));
        }

        if (c.Sign != CorpusCase.NoSignature)
        {
            Sign(document, context, context.Pki.ByName(c.Sign), Style(c.KeyInfo));
        }

        foreach (var step in c.Post)
        {
            CorpusMutations.Post[step](document, context);
        }

        return SoapEnvelopeWriter.ToBytes(document);
    }

    /// <summary>
    /// The valid envelope every template is a variation of, signed by the client (optionally re-signed
    /// by further post steps, e.g. the WSS4J form): must be accepted.
    /// </summary>
    public static byte[] Control(CorpusContext context, params string[] post)
    {
        var path = Path.Combine(Path.GetDirectoryName(CorpusCase.Directory)!, ControlTemplate);
        var document = Load(File.ReadAllText(path, Encoding.UTF8), context);
        Sign(document, context, context.Pki.Client, KeyInfoStyle.KeyIdentifier);
        foreach (var step in post)
        {
            CorpusMutations.Post[step](document, context);
        }

        return SoapEnvelopeWriter.ToBytes(document);
    }

    /// <summary>Fills {{PLACEHOLDERS}} (values XML-escaped) and loads the result with whitespace preserved.</summary>
    public static XmlDocument Load(string template, CorpusContext context)
    {
        var text = Placeholder().Replace(template, m => SecurityElement.Escape(Value(m.Groups["name"].Value, m.Groups["shift"].Value, context)));
        var document = SafeXml.LoadString(text);

        // The shared signer expects the Header to be the Envelope's first child node: templates are
        // indented for reading, so whitespace directly under the Envelope is dropped (nothing else is).
        var envelope = document.DocumentElement!;
        foreach (var blank in envelope.ChildNodes.OfType<XmlNode>().Where(n => n is XmlWhitespace or XmlSignificantWhitespace).ToList())
        {
            envelope.RemoveChild(blank);
        }

        return document;
    }

    /// <summary>A local-time xs:dateTime as clients of the bus send it (+06:00).</summary>
    public static string ClientDate(DateTimeOffset value) =>
        value.ToOffset(TimeSpan.FromHours(6)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static void Sign(XmlDocument document, CorpusContext context, SigningCredentials credentials, KeyInfoStyle style)
    {
        context.Signer = credentials;
        var signer = new WsSecuritySigner(credentials, style);
        if (context.TimestampAt is { } at)
        {
            signer.Sign(document, new FixedTime(at), TimeSpan.FromMinutes(5));
        }
        else
        {
            signer.Sign(document);
        }
    }

    private static KeyInfoStyle Style(string name) => name switch
    {
        "issuerserial" => KeyInfoStyle.IssuerSerial,
        "bst" => KeyInfoStyle.BinarySecurityToken,
        _ => KeyInfoStyle.KeyIdentifier,
    };

    private static string Value(string name, string shift, CorpusContext context)
    {
        if (shift.Length > 0 && name != "NOW")
        {
            throw new InvalidDataException($"Only {{{{NOW}}}} takes a shift, not {{{{{name}}}}}.");
        }

        return name switch
        {
            "MESSAGE_ID" => context.MessageId,
            "MESSAGE_DATE" => ClientDate(context.Now),
            "BODY_ID" => context.BodyId,
            "SENDER" => GatewayFixture.Sender,
            "PASSWORD" => context.Password,
            "SERVICE" => "ECHO",
            "CLIENT_BIN" => context.Pki.ClientBin,
            "CLIENT_IIN" => context.Pki.ClientIin,
            "OTHER_BIN" => context.Pki.OtherBin,
            "NOW" => ClientDate(context.Now + Shift(shift)),
            _ => throw new InvalidDataException($"Unknown placeholder {{{{{name}}}}}."),
        };
    }

    private static TimeSpan Shift(string shift)
    {
        if (shift.Length == 0)
        {
            return TimeSpan.Zero;
        }

        var amount = int.Parse(shift[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return shift[^1] == 'h' ? TimeSpan.FromHours(amount) : TimeSpan.FromMinutes(amount);
    }

    [GeneratedRegex(@"\{\{(?<name>[A-Z_]+)(?<shift>[+-]\d+[mh])?\}\}")]
    private static partial Regex Placeholder();

    private sealed class FixedTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}

using System.Text;
using System.Xml;
using System.Xml.XPath;

namespace ProactiveReissue.Shep.Envelope;

/// <summary>Builds SOAP 1.1 envelopes: the frame, a Body with a wsu:Id for the transport signature, bytes.</summary>
public static class SoapEnvelopeWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    /// <summary>Creates Envelope/Header/Body(wsu:Id) and returns the document with its Body.</summary>
    public static (XmlDocument Document, XmlElement Body) CreateFrame(string bodyId)
    {
        var document = Xml.SafeXml.NewDocument();
        var envelope = document.CreateElement("soap", "Envelope", ShepNamespaces.Soap11);
        document.AppendChild(envelope);
        envelope.AppendChild(document.CreateElement("soap", "Header", ShepNamespaces.Soap11));
        var body = document.CreateElement("soap", "Body", ShepNamespaces.Soap11);
        body.SetAttribute("xmlns:wsu", ShepNamespaces.Wsu);
        var id = document.CreateAttribute("wsu", "Id", ShepNamespaces.Wsu);
        id.Value = bodyId;
        body.Attributes.Append(id);
        envelope.AppendChild(body);
        return (document, body);
    }

    public static XmlElement Header(XmlDocument document) =>
        (XmlElement)document.DocumentElement!.FirstChild!;

    /// <summary>Appends an unqualified child element with text (characters XML cannot carry become U+FFFD).</summary>
    public static XmlElement AddText(XmlElement parent, string name, string? text)
    {
        var element = parent.OwnerDocument.CreateElement(name);
        if (text is not null)
        {
            element.InnerText = XmlSafeText(text);
        }

        parent.AppendChild(element);
        return element;
    }

    public static XmlElement Add(XmlElement parent, string name)
    {
        var element = parent.OwnerDocument.CreateElement(name);
        parent.AppendChild(element);
        return element;
    }

    /// <summary>
    /// Copies a data element into another document unchanged in meaning: all children, attributes
    /// (xsi:type too) and CDATA as they were, plus the namespace declarations it inherited, so a
    /// QName in xsi:type still resolves.
    /// </summary>
    public static XmlElement CopyData(XmlElement source, XmlElement newParent)
    {
        var document = newParent.OwnerDocument;
        var copy = (XmlElement)document.ImportNode(source, deep: true);
        newParent.AppendChild(copy);
        var inScope = source.CreateNavigator()!.GetNamespacesInScope(XmlNamespaceScope.ExcludeXml);
        foreach (var (prefix, uri) in inScope)
        {
            // Only what the copy would otherwise lose: a prefix the new ancestors do not bind to the same URI.
            if (prefix.Length == 0 || copy.GetNamespaceOfPrefix(prefix) == uri)
            {
                continue;
            }

            copy.SetAttribute("xmlns:" + prefix, uri);
        }

        return copy;
    }

    [ThreadStatic]
    private static MemoryStream? t_stream;

    /// <summary>The document as UTF-8 bytes: written into a stream this thread reuses, then copied out once.</summary>
    public static byte[] ToBytes(XmlDocument document)
    {
        var stream = t_stream ?? new MemoryStream(16 * 1024);
        t_stream = null;
        stream.SetLength(0);
        Save(document, stream);
        var bytes = stream.ToArray();
        if (stream.Capacity <= 1024 * 1024)
        {
            t_stream = stream;
        }

        return bytes;
    }

    public static void Save(XmlDocument document, Stream stream)
    {
        var settings = new XmlWriterSettings { Encoding = Utf8NoBom, Indent = false, OmitXmlDeclaration = false, NewLineHandling = NewLineHandling.Entitize };
        using var writer = XmlWriter.Create(stream, settings);
        document.Save(writer);
    }

    /// <summary>
    /// The text with every character XML 1.0 cannot carry (control characters, lone surrogates) replaced
    /// by U+FFFD. Fault texts quote parser messages and cut strings, which can produce such characters;
    /// the XmlWriter would throw on them and no answer at all would leave the gateway.
    /// </summary>
    public static string XmlSafeText(string text)
    {
        System.Text.StringBuilder? safe = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                safe?.Append(text, i, 2);
                i++;
                continue;
            }

            if (XmlConvert.IsXmlChar(text[i]))
            {
                safe?.Append(text[i]);
                continue;
            }

            safe ??= new System.Text.StringBuilder(text, 0, i, text.Length);
            safe.Append('\uFFFD');
        }

        return safe?.ToString() ?? text;
    }

    /// <summary>A fresh Body id.</summary>
    public static string NewBodyId() => "id-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// The bus's session id: a GUID in braces, of version 7 (its first 48 bits are the time in ms, the rest random), so
    /// ids sort by when they were assigned and the journal's session index grows at its end: a random GUID dirtied one
    /// random index page per exchange, 25–40 µs of CPU in the journal's commit.
    /// </summary>
    public static string NewSessionId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("B");

    /// <summary>
    /// A messageId the bus assigns (the asynchronous channel's messages, monitoring statuses, its own answers): a GUID of
    /// version 7 for the same reason as <see cref="NewSessionId"/>. The queue's table and the journal index messageIds,
    /// and a random one costs each store a random index page per message (about 12 µs of CPU per enqueue and again per
    /// delivery in the queue, <c>docs/perf-queue.md</c>, "Session 10").
    /// </summary>
    public static string NewMessageId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString();
}

using System.Text;
using System.Xml;

namespace ProactiveReissue.Shep.Security;

/// <summary>
/// Exclusive XML canonicalization without comments (http://www.w3.org/2001/10/xml-exc-c14n#, no
/// InclusiveNamespaces prefix list) of an element subtree, straight from the DOM. This is the hot path
/// of every exchange: <see cref="System.Security.Cryptography.Xml.SignedXml"/> serialises and re-parses
/// the element for each reference, which costs more than the RSA operation itself. Unit tests hold this
/// output byte-for-byte to .NET's <c>XmlDsigExcC14NTransform</c>, and xmlsec1 verifies what it signs.
/// </summary>
public static class ExclusiveCanonicalizer
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    /// <summary>Buffers kept per thread only up to this size; a larger document's are left to the collector.</summary>
    private const int MaxRetainedChars = 256 * 1024;

    [ThreadStatic]
    private static Buffers? t_buffers;

    /// <summary>What the caller does with the canonical bytes, which are valid only during the call.</summary>
    public delegate T CanonicalUse<out T>(ReadOnlySpan<byte> canonical);

    public static byte[] Canonicalize(XmlElement apex) => Canonicalize(apex, []);

    /// <summary>
    /// With an InclusiveNamespaces PrefixList (WSS4J and CXF send one): the listed prefixes ("#default"
    /// for the default namespace) are rendered the way inclusive C14N renders them — on the apex every
    /// one in scope, below it wherever the binding changes — the others as exclusive C14N does.
    /// </summary>
    public static byte[] Canonicalize(XmlElement apex, IReadOnlyCollection<string> inclusivePrefixes) =>
        Use(apex, inclusivePrefixes, static canonical => canonical.ToArray());

    /// <summary>SHA-256 of the canonical form, without keeping the canonical bytes.</summary>
    public static byte[] Sha256(XmlElement apex, IReadOnlyCollection<string> inclusivePrefixes) =>
        Use(apex, inclusivePrefixes, static canonical => System.Security.Cryptography.SHA256.HashData(canonical));

    /// <summary>
    /// Canonicalizes into buffers reused by this thread (the hot path signs and verifies four times per
    /// exchange; fresh builders, strings and byte arrays for each were a third of what it allocated) and
    /// hands the bytes to <paramref name="use"/>.
    /// </summary>
    public static T Use<T>(XmlElement apex, IReadOnlyCollection<string> inclusivePrefixes, CanonicalUse<T> use)
    {
        var buffers = t_buffers ??= new Buffers();
        t_buffers = null; // not shared with a nested call, should one ever happen
        try
        {
            buffers.Text.Clear();
            buffers.Rendered.Clear();
            WriteElement(buffers, apex, 0, inclusivePrefixes);
            var bytes = buffers.Encode();
            return use(bytes);
        }
        finally
        {
            if (buffers.Text.Capacity <= MaxRetainedChars)
            {
                t_buffers = buffers;
            }
        }
    }

    private static void WriteElement(Buffers buffers, XmlElement element, int depth, IReadOnlyCollection<string> inclusivePrefixes)
    {
        var output = buffers.Text;
        var rendered = buffers.Rendered;
        var declarations = buffers.Declarations;
        declarations.Clear();
        output.Append('<').Append(element.Name);
        Utilize(element.Prefix, element.NamespaceURI, rendered, declarations);
        var attributes = buffers.Attributes;
        attributes.Clear();
        foreach (XmlAttribute attribute in element.Attributes)
        {
            if (attribute.NamespaceURI == XmlnsNamespace)
            {
                continue;
            }

            attributes.Add(attribute);
            if (attribute.Prefix.Length > 0 && attribute.Prefix != "xml")
            {
                Utilize(attribute.Prefix, attribute.NamespaceURI, rendered, declarations);
            }
        }

        foreach (var listed in inclusivePrefixes)
        {
            var prefix = listed == "#default" ? string.Empty : listed;
            if (prefix is "xml" or "xmlns")
            {
                continue;
            }

            var uri = element.GetNamespaceOfPrefix(prefix);
            if (prefix.Length == 0 || uri.Length > 0)
            {
                Utilize(prefix, uri, rendered, declarations);
            }
        }

        declarations.Sort(static (a, b) => string.CompareOrdinal(a.Prefix, b.Prefix));
        foreach (var (prefix, uri) in declarations)
        {
            output.Append(prefix.Length == 0 ? " xmlns=\"" : " xmlns:");
            if (prefix.Length > 0)
            {
                output.Append(prefix).Append("=\"");
            }

            AppendAttributeValue(output, uri);
            output.Append('"');
            rendered.Add((prefix, uri, depth));
        }

        attributes.Sort(static (a, b) =>
        {
            var byNamespace = string.CompareOrdinal(a.NamespaceURI, b.NamespaceURI);
            return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.LocalName, b.LocalName);
        });
        foreach (var attribute in attributes)
        {
            output.Append(' ').Append(attribute.Name).Append("=\"");
            AppendAttributeValue(output, attribute.Value);
            output.Append('"');
        }

        // The lists are this element's only until here: its children reuse them.
        output.Append('>');
        for (var child = element.FirstChild; child is not null; child = child.NextSibling)
        {
            switch (child)
            {
                case XmlElement e:
                    WriteElement(buffers, e, depth + 1, inclusivePrefixes);
                    break;
                case XmlText or XmlCDataSection or XmlWhitespace or XmlSignificantWhitespace:
                    AppendText(output, child.Value!);
                    break;
                case XmlProcessingInstruction pi:
                    output.Append("<?").Append(pi.Target);
                    if (pi.Data.Length > 0)
                    {
                        output.Append(' ').Append(pi.Data);
                    }

                    output.Append("?>");
                    break;
                case XmlEntityReference:
                    throw new XmlException("Entity references cannot be canonicalized here.");
                default:
                    break; // comments are not part of exclusive C14N without comments
            }
        }

        output.Append("</").Append(element.Name).Append('>');

        // Declarations are added in document order, so this element's are the last ones.
        while (rendered.Count > 0 && rendered[^1].Depth == depth)
        {
            rendered.RemoveAt(rendered.Count - 1);
        }
    }

    /// <summary>A prefix is declared on an element when it is visibly used there and the nearest output ancestor did not already declare it with the same URI.</summary>
    private static void Utilize(string prefix, string uri, List<(string Prefix, string Uri, int Depth)> rendered, List<(string Prefix, string Uri)> declarations)
    {
        foreach (var d in declarations)
        {
            if (d.Prefix == prefix)
            {
                return;
            }
        }

        string? inScope = null;
        for (var i = rendered.Count - 1; i >= 0; i--)
        {
            if (rendered[i].Prefix == prefix)
            {
                inScope = rendered[i].Uri;
                break;
            }
        }

        if (prefix.Length == 0 && uri.Length == 0)
        {
            // xmlns="" only undoes a default namespace an output ancestor declared.
            if (!string.IsNullOrEmpty(inScope))
            {
                declarations.Add((prefix, uri));
            }

            return;
        }

        if (inScope != uri)
        {
            declarations.Add((prefix, uri));
        }
    }

    private static void AppendText(StringBuilder output, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': output.Append("&amp;"); break;
                case '<': output.Append("&lt;"); break;
                case '>': output.Append("&gt;"); break;
                case '\r': output.Append("&#xD;"); break;
                default: output.Append(c); break;
            }
        }
    }

    private static void AppendAttributeValue(StringBuilder output, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '&': output.Append("&amp;"); break;
                case '<': output.Append("&lt;"); break;
                case '"': output.Append("&quot;"); break;
                case '\t': output.Append("&#x9;"); break;
                case '\n': output.Append("&#xA;"); break;
                case '\r': output.Append("&#xD;"); break;
                default: output.Append(c); break;
            }
        }
    }

    private sealed class Buffers
    {
        private readonly Encoder _encoder = new UTF8Encoding(false, throwOnInvalidBytes: false).GetEncoder();
        private byte[] _bytes = new byte[16 * 1024];

        public StringBuilder Text { get; } = new(8 * 1024);

        public List<(string Prefix, string Uri, int Depth)> Rendered { get; } = new(8);

        public List<(string Prefix, string Uri)> Declarations { get; } = new(4);

        public List<XmlAttribute> Attributes { get; } = new(8);

        /// <summary>The text as UTF-8 in the reused byte buffer (lone surrogates become U+FFFD, as Encoding.UTF8 does).</summary>
        public ReadOnlySpan<byte> Encode()
        {
            var needed = Encoding.UTF8.GetMaxByteCount(Text.Length);
            if (_bytes.Length < needed)
            {
                _bytes = new byte[needed];
            }

            _encoder.Reset();
            var written = 0;
            foreach (var chunk in Text.GetChunks())
            {
                written += _encoder.GetBytes(chunk.Span, _bytes.AsSpan(written), flush: false);
            }

            written += _encoder.GetBytes(ReadOnlySpan<char>.Empty, _bytes.AsSpan(written), flush: true);
            var result = _bytes.AsSpan(0, written);
            if (_bytes.Length > 3 * MaxRetainedChars)
            {
                _bytes = new byte[16 * 1024];
            }

            return result;
        }
    }
}

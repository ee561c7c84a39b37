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

    public static byte[] Canonicalize(XmlElement apex) => Canonicalize(apex, []);

    /// <summary>
    /// With an InclusiveNamespaces PrefixList (WSS4J and CXF send one): the listed prefixes ("#default"
    /// for the default namespace) are rendered the way inclusive C14N renders them — on the apex every
    /// one in scope, below it wherever the binding changes — the others as exclusive C14N does.
    /// </summary>
    public static byte[] Canonicalize(XmlElement apex, IReadOnlyCollection<string> inclusivePrefixes)
    {
        var builder = new StringBuilder(4096);
        var rendered = new List<(string Prefix, string Uri, int Depth)>();
        WriteElement(builder, apex, rendered, 0, inclusivePrefixes);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void WriteElement(StringBuilder output, XmlElement element, List<(string Prefix, string Uri, int Depth)> rendered, int depth, IReadOnlyCollection<string> inclusivePrefixes)
    {
        output.Append('<').Append(element.Name);
        var declarations = new List<(string Prefix, string Uri)>(2);
        Utilize(element.Prefix, element.NamespaceURI, rendered, declarations);
        List<XmlAttribute>? attributes = null;
        foreach (XmlAttribute attribute in element.Attributes)
        {
            if (attribute.NamespaceURI == XmlnsNamespace)
            {
                continue;
            }

            (attributes ??= new List<XmlAttribute>(element.Attributes.Count)).Add(attribute);
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

        declarations.Sort((a, b) => string.CompareOrdinal(a.Prefix, b.Prefix));
        foreach (var (prefix, uri) in declarations)
        {
            output.Append(prefix.Length == 0 ? " xmlns=\"" : " xmlns:").Append(prefix.Length == 0 ? string.Empty : prefix + "=\"");
            AppendAttributeValue(output, uri);
            output.Append('"');
            rendered.Add((prefix, uri, depth));
        }

        if (attributes is not null)
        {
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
        }

        output.Append('>');
        for (var child = element.FirstChild; child is not null; child = child.NextSibling)
        {
            switch (child)
            {
                case XmlElement e:
                    WriteElement(output, e, rendered, depth + 1, inclusivePrefixes);
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
        rendered.RemoveAll(r => r.Depth == depth);
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
}

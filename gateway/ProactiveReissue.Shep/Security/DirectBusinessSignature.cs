using System.Xml;

namespace ProactiveReissue.Shep.Security;

/// <summary>
/// The business-data signature made without SignedXml, which re-reads the document into its own DOM for
/// each canonicalization, looks its algorithms up by name and copies the certificate on every call (80–95 µs
/// above the RSA signature; the coordinator signs once per company, the monitoring publisher once per status).
/// Inclusive C14N of a whole document is the exclusive canonicalizer with every declared prefix listed as
/// inclusive; SignedInfo is canonicalized in place, so the namespaces the payload root declares are in
/// scope as SignedXml propagates them. A document for which the two could differ is left to SignedXml:
/// markup beside the root, an xml:* attribute on the root, a prefix used without its declaration in the
/// DOM, or characters SignedXml's re-reading of the document changes (a tab, line feed or carriage return
/// in an attribute value, a carriage return in text).
/// </summary>
internal static class DirectBusinessSignature
{
    public static bool TrySign(XmlDocument payload, SigningCredentials credentials)
    {
        var root = payload.DocumentElement;
        if (root is null || !TryDeclaredPrefixes(payload, root, out var prefixes))
        {
            return false;
        }

        // URI="" is the document without its comments (XML-DSig 4.3.3.3), whatever the C14N transform says.
        var digest = ExclusiveCanonicalizer.Sha256(root, prefixes);
        var x509Data = SignatureBuilder.Element(payload, string.Empty, "X509Data");
        SignatureBuilder.Append(x509Data, SignatureBuilder.Element(payload, string.Empty, "X509Certificate")).InnerText = credentials.CertificateBase64;
        SignatureBuilder.Sign(root, string.Empty, SignatureAlgorithmSet.C14N, prefixes, string.Empty,
            [SignatureAlgorithmSet.Enveloped, SignatureAlgorithmSet.C14NWithComments], digest, x509Data, credentials);
        return true;
    }

    /// <summary>"#default" and every prefix an xmlns:p attribute declares; false when the document is not one this path signs alike.</summary>
    private static bool TryDeclaredPrefixes(XmlDocument payload, XmlElement root, out List<string> prefixes)
    {
        prefixes = ["#default"];
        foreach (XmlNode node in payload.ChildNodes)
        {
            if (node != root && node is not (XmlDeclaration or XmlWhitespace or XmlSignificantWhitespace))
            {
                return false;
            }
        }

        foreach (XmlAttribute attribute in root.Attributes)
        {
            if (attribute.Prefix == "xml")
            {
                return false;
            }
        }

        // (prefix, uri, depth) of the declarations in scope, innermost last.
        var scope = new List<(string Prefix, string Uri, int Depth)>();
        return Declared(root, 0, scope, prefixes);
    }

    private static bool Declared(XmlElement element, int depth, List<(string Prefix, string Uri, int Depth)> scope, List<string> prefixes)
    {
        foreach (XmlAttribute attribute in element.Attributes)
        {
            if (attribute.NamespaceURI == "http://www.w3.org/2000/xmlns/")
            {
                var prefix = attribute.Prefix == "xmlns" ? attribute.LocalName : string.Empty;
                scope.Add((prefix, attribute.Value, depth));
                if (prefix.Length > 0 && !prefixes.Contains(prefix))
                {
                    prefixes.Add(prefix);
                }
            }
        }

        var committed = InScope(scope, element.Prefix) == element.NamespaceURI;
        foreach (XmlAttribute attribute in element.Attributes)
        {
            if (attribute.Value.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
            {
                committed = false;
            }

            var isDeclaration = attribute.NamespaceURI == "http://www.w3.org/2000/xmlns/";
            if (!isDeclaration && attribute.Prefix != "xml" && attribute.NamespaceURI.Length > 0
                && (attribute.Prefix.Length == 0 || InScope(scope, attribute.Prefix) != attribute.NamespaceURI))
            {
                committed = false;
            }
        }

        for (var child = element.FirstChild; committed && child is not null; child = child.NextSibling)
        {
            if ((child is XmlElement e && !Declared(e, depth + 1, scope, prefixes))
                || (child is XmlText or XmlCDataSection or XmlSignificantWhitespace or XmlWhitespace && child.Value!.Contains('\r', StringComparison.Ordinal)))
            {
                committed = false;
            }
        }

        while (scope.Count > 0 && scope[^1].Depth == depth)
        {
            scope.RemoveAt(scope.Count - 1);
        }
        return committed;
    }

    private static string InScope(List<(string Prefix, string Uri, int Depth)> scope, string prefix)
    {
        for (var i = scope.Count - 1; i >= 0; i--)
        {
            if (scope[i].Prefix == prefix)
            {
                return scope[i].Uri;
            }
        }

        return string.Empty;
    }
}

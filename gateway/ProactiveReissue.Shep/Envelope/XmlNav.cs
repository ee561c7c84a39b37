using System.Xml;

namespace ProactiveReissue.Shep.Envelope;

/// <summary>Small helpers to walk element children by name without XPath.</summary>
internal static class XmlNav
{
    public static IEnumerable<XmlElement> Elements(XmlNode parent)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element)
            {
                yield return element;
            }
        }
    }

    public static XmlElement? Child(XmlNode parent, string localName, string ns = "")
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element && element.LocalName == localName && element.NamespaceURI == ns)
            {
                return element;
            }
        }

        return null;
    }

    public static string? ChildText(XmlNode parent, string localName, string ns = "") =>
        Child(parent, localName, ns)?.InnerText;

    /// <summary>True when the node has non-whitespace text or CDATA directly under it.</summary>
    public static bool HasSignificantText(XmlNode parent)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlText or XmlCDataSection && !string.IsNullOrWhiteSpace(node.Value))
            {
                return true;
            }
        }

        return false;
    }
}

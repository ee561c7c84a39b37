using System.Xml;
using ProactiveReissue.Shep.Faults;

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

    /// <summary>
    /// The elements below <paramref name="root"/> with this name, in document order. Used instead of
    /// <see cref="XmlElement.GetElementsByTagName(string, string)"/>, whose XmlElementList has a finalizer
    /// and listens to the document's changes: it keeps the whole DOM alive for a garbage collection more.
    /// </summary>
    public static IEnumerable<XmlElement> Descendants(XmlNode root, string localName, string ns)
    {
        var node = root.FirstChild;
        while (node is not null)
        {
            if (node is XmlElement element && element.LocalName == localName && element.NamespaceURI == ns)
            {
                yield return element;
            }

            if (node.FirstChild is not null)
            {
                node = node.FirstChild;
                continue;
            }

            while (node is not null && node != root && node.NextSibling is null)
            {
                node = node.ParentNode;
            }

            node = node is null || node == root ? null : node.NextSibling;
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

    public static XmlElement Required(XmlElement parent, string name, string parentName)
    {
        var child = Child(parent, name);
        if (child is null)
        {
            var qualified = Elements(parent).FirstOrDefault(e => e.LocalName == name);
            var hint = qualified is null ? string.Empty : $" (found it in namespace '{qualified.NamespaceURI}'; children are unqualified)";
            throw new ShepException(ShepFaults.BadFormat, $"{parentName} has no <{name}> element{hint}.");
        }

        return child;
    }

    public static string RequiredText(XmlElement parent, string name, string parentName)
    {
        var text = Required(parent, name, parentName).InnerText.Trim();
        if (text.Length == 0)
        {
            throw new ShepException(ShepFaults.BadFormat, $"{parentName}/{name} is empty.");
        }

        return text;
    }

    public static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using System.Xml;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Gateway.Reissue;

/// <summary>Reading and writing the small messages of the reissue services.</summary>
internal static class ReissueMessages
{
    public static XmlElement Payload(XmlElement? data, string name)
    {
        var root = ProactiveReissue.Shep.Security.BusinessSignature.PayloadRoot(data, XmlLimits.Default);
        if (root is null || root.LocalName != name || root.NamespaceURI != ReissueNames.Namespace)
        {
            throw new ShepException(ShepFaults.BadFormat, $"Expected <{name} xmlns=\"{ReissueNames.Namespace}\"> in data.");
        }

        return root;
    }

    public static string? Text(XmlElement parent, string name) =>
        parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == name)?.InnerText;

    public static XmlElement Result(string name, params (string Name, string Value)[] children)
    {
        var document = SafeXml.NewDocument();
        var root = document.CreateElement(name, ReissueNames.Namespace);
        document.AppendChild(root);
        foreach (var (child, value) in children)
        {
            var element = document.CreateElement(child, ReissueNames.Namespace);
            element.InnerText = value;
            root.AppendChild(element);
        }

        return root;
    }
}

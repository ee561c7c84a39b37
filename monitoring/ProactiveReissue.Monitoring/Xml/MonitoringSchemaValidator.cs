using System.Text;
using System.Xml;
using System.Xml.Schema;
using ProactiveReissue.Shep.Faults;

namespace ProactiveReissue.Monitoring.Xml;

/// <summary>
/// Validates a parsed message against the XSD and turns every finding into one SCE001 fault that names the
/// element path and what was wrong, e.g. "/ApplicationStatus/statusCode: … The Enumeration constraint failed."
/// </summary>
internal static class MonitoringSchemaValidator
{
    private const int MaxReported = 10;

    [ThreadStatic]
    private static XmlSchemaSet? t_schemas;

    public static void Validate(XmlDocument document)
    {
        var root = document.DocumentElement
            ?? throw new ShepException(ShepFaults.BadFormat, "The monitoring message is empty.");
        CheckRoot(root);

        var findings = new List<string>();
        document.Schemas = t_schemas ??= MonitoringSchema.CreateSchemaSet();
        document.Validate((_, e) =>
        {
            if (findings.Count < MaxReported)
            {
                findings.Add(Describe(e));
            }
        });

        if (findings.Count > 0)
        {
            throw new ShepException(
                ShepFaults.BadFormat,
                $"The monitoring message does not match the schema {MonitoringSchema.Namespace}: {string.Join("; ", findings)}");
        }
    }

    private static void CheckRoot(XmlElement root)
    {
        var known = MonitoringNames.Roots.Contains(root.LocalName, StringComparer.Ordinal);
        if (known && root.NamespaceURI == MonitoringSchema.Namespace)
        {
            return;
        }

        var expected = string.Join(", ", MonitoringNames.Roots);
        var detail = known
            ? $"The root element '{root.LocalName}' is {(root.NamespaceURI.Length == 0 ? "in no namespace" : $"in namespace '{root.NamespaceURI}'")}; monitoring messages are qualified with '{MonitoringSchema.Namespace}' (every element, not only the root)."
            : $"The root element '{{{root.NamespaceURI}}}{root.LocalName}' is not a monitoring message; expected one of {expected} in namespace '{MonitoringSchema.Namespace}'.";
        throw new ShepException(ShepFaults.BadFormat, detail);
    }

    private static string Describe(ValidationEventArgs e)
    {
        var node = (e.Exception as XmlSchemaValidationException)?.SourceObject as XmlNode;
        var message = e.Message
            .Replace($" in namespace '{MonitoringSchema.Namespace}'", string.Empty, StringComparison.Ordinal)
            .Replace(MonitoringSchema.Namespace + ":", string.Empty, StringComparison.Ordinal);
        return node is null ? message : $"{PathOf(node)}: {message}";
    }

    /// <summary>/ApplicationStatus/provider/bin, or …/@name for an attribute.</summary>
    internal static string PathOf(XmlNode node)
    {
        var parts = new Stack<string>();
        var current = node;
        if (current is XmlAttribute attribute)
        {
            parts.Push("@" + attribute.LocalName);
            current = attribute.OwnerElement;
        }

        while (current is XmlElement element)
        {
            parts.Push(element.LocalName);
            current = element.ParentNode;
        }

        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            builder.Append('/').Append(part);
        }

        return builder.ToString();
    }
}

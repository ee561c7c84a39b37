using System.Xml;
using System.Xml.Schema;

namespace ProactiveReissue.Adapters.Shep;

/// <summary>
/// The XSDs of the payload formats this project defined where the SHEP contract leaves them open, embedded in the
/// assembly (Schemas/*.xsd): zags-civil-acts, gbdul-name-changes, bmg-phone-by-iin, elicense-reissue, portal-sms,
/// sdu-case-result.
/// </summary>
public static class AdapterSchemas
{
    private const string Prefix = "ProactiveReissue.Adapters.Schemas.";

    public static IReadOnlyList<string> Names { get; } = typeof(AdapterSchemas).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".xsd", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The text of one schema, e.g. <c>Text("portal-sms.xsd")</c>.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(AdapterSchemas).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new ArgumentException($"No embedded schema '{name}'; known: {string.Join(", ", Names)}.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>All the schemas in one set (their global element names do not clash).</summary>
    public static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        foreach (var name in Names)
        {
            using var reader = XmlReader.Create(new StringReader(Text(name)), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            set.Add(XmlSchema.Read(reader, null)!);
        }

        set.Compile();
        return set;
    }
}

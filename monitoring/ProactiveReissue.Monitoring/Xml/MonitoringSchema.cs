using System.Text;
using System.Xml;
using System.Xml.Schema;

namespace ProactiveReissue.Monitoring.Xml;

/// <summary>
/// The monitoring messages' XSD (Schemas/monitoring-v1.xsd), embedded in this assembly. The gateway serves
/// <see cref="Bytes"/> at <see cref="ServedPath"/>; the reader and the writer validate against it.
/// </summary>
public static class MonitoringSchema
{
    /// <summary>Target namespace; every element of a message is qualified with it.</summary>
    public const string Namespace = "urn:proactive-reissue:monitoring:v1";

    /// <summary>Where the gateway serves the XSD.</summary>
    public const string ServedPath = "/monitoring/v1/schema.xsd";

    /// <summary>Content type to serve it with.</summary>
    public const string ContentType = "application/xml; charset=utf-8";

    private const string ResourceName = "ProactiveReissue.Monitoring.Schemas.monitoring-v1.xsd";

    private static readonly Lazy<byte[]> Resource = new(ReadResource);

    /// <summary>The XSD exactly as embedded (UTF-8).</summary>
    public static ReadOnlyMemory<byte> Bytes => Resource.Value;

    public static string Text => Encoding.UTF8.GetString(Resource.Value);

    /// <summary>A new compiled schema set holding the XSD. Sets are not shared between threads.</summary>
    public static XmlSchemaSet CreateSchemaSet()
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(Resource.Value, writable: false), settings);
        var schema = XmlSchema.Read(reader, static (_, e) => throw e.Exception)!;
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(schema);
        set.Compile();
        return set;
    }

    private static byte[] ReadResource()
    {
        using var stream = typeof(MonitoringSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from the monitoring assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

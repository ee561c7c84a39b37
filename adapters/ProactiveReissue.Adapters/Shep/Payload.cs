using System.Globalization;
using System.Xml;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Time;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Adapters.Shep;

/// <summary>Builds request payloads (unqualified elements, like the rest of the bus) and reads answers.</summary>
public static class Payload
{
    /// <summary>A payload document <c>&lt;root&gt;&lt;name&gt;value&lt;/name&gt;…&lt;/root&gt;</c>; null values are left out.</summary>
    public static XmlDocument Create(string root, params (string Name, string? Value)[] children)
    {
        var document = SafeXml.NewDocument();
        var element = document.CreateElement(root);
        document.AppendChild(element);
        foreach (var (name, value) in children)
        {
            if (value is not null)
            {
                SoapEnvelopeWriter.AddText(element, name, value);
            }
        }

        return document;
    }

    public static string? Text(XmlElement parent, string name)
    {
        var text = Child(parent, name)?.InnerText;
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public static XmlElement? Child(XmlElement parent, string name) => Children(parent, name).FirstOrDefault();

    public static string? Text(XmlElement parent, string child, string name)
    {
        var element = Child(parent, child);
        return element is null ? null : Text(element, name);
    }

    public static string Required(XmlElement parent, string name) =>
        Text(parent, name) ?? throw new FormatException($"<{parent.LocalName}> has no <{name}>.");

    public static bool Flag(XmlElement parent, string name) =>
        string.Equals(Text(parent, name), "true", StringComparison.OrdinalIgnoreCase) || Text(parent, name) == "1";

    public static DateOnly? Date(string? text) =>
        text is null ? null
        : DateOnly.TryParseExact(text.Length >= 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new FormatException($"'{text}' is not a date (yyyy-MM-dd).");

    public static DateTimeOffset? DateTime(string? text) =>
        text is null ? null
        : LocalClock.TryParse(text, out var value) ? value
        : throw new FormatException($"'{text}' is not an xs:dateTime.");

    public static IEnumerable<XmlElement> Children(XmlElement parent, string name) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == name && e.NamespaceURI.Length == 0);

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Maps a found payload with <paramref name="map"/>; a payload of the wrong shape becomes a PeerFault, never an exception.</summary>
    public static AdapterOutcome<T> Map<T>(AdapterOutcome<XmlElement> outcome, string serviceId, Func<XmlElement, AdapterOutcome<T>> map)
    {
        if (!outcome.IsFound)
        {
            return outcome.Cast<T>();
        }

        try
        {
            return map(outcome.Value!);
        }
        catch (FormatException ex)
        {
            return AdapterOutcome<T>.PeerFault(AdapterCodes.BadAnswer, $"The answer of {serviceId} has an unexpected shape: {ex.Message}");
        }
    }
}

using System.Globalization;
using System.Xml;
using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Identity;
using ProactiveReissue.Shep.Time;
using N = ProactiveReissue.Monitoring.Xml.MonitoringNames;

namespace ProactiveReissue.Monitoring.Xml;

/// <summary>The parts shared by several messages, and the small navigation helpers over a validated DOM.</summary>
public static partial class MonitoringMessageReader
{
    private static Party ReadParty(XmlElement element) => new(Bin(element), Text(element, N.Name));

    private static Person ReadPerson(XmlElement element)
    {
        var iin = Required(element, N.Iin);
        if (!IinBin.IsValid(iin.InnerText))
        {
            throw Invalid(iin, $"'{iin.InnerText}' is not a valid IIN (the check digit does not match).");
        }

        return new Person(iin.InnerText, Text(element, N.LastName), Text(element, N.FirstName), OptionalText(element, N.MiddleName));
    }

    private static DocumentReference ReadReference(XmlElement element)
    {
        var issuer = Optional(element, N.Issuer);
        var hash = Optional(element, N.Hash);
        return new DocumentReference(Text(element, N.DocumentType), Text(element, N.DocumentNumber), Date(element, N.DocumentDate))
        {
            Issuer = issuer is null ? null : ReadParty(issuer),
            Sha256 = hash is null ? null : Convert.FromBase64String(hash.InnerText),
        };
    }

    private static ExternalRequest[] ReadExternalRequests(XmlElement root) =>
        Optional(root, N.ExternalRequests) is { } list
            ? Children(list).Select(e => new ExternalRequest(EnumValue<ExternalSystem>(e, N.System), Text(e, N.RequestId))).ToArray()
            : [];

    private static string Bin(XmlElement parent)
    {
        var bin = Required(parent, N.Bin);
        return IinBin.IsValid(bin.InnerText)
            ? bin.InnerText
            : throw Invalid(bin, $"'{bin.InnerText}' is not a valid BIN (the check digit does not match).");
    }

    private static DateTimeOffset Time(XmlElement parent, string name)
    {
        var element = Required(parent, name);
        return LocalClock.TryParse(element.InnerText, out var value)
            ? LocalClock.ToLocal(value)
            : throw Invalid(element, $"'{element.InnerText}' is not a date and time with an offset.");
    }

    private static DateOnly Date(XmlElement parent, string name)
    {
        var element = Required(parent, name);
        return DateOnly.TryParseExact(element.InnerText.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw Invalid(element, $"'{element.InnerText}' is not a date (yyyy-MM-dd).");
    }

    private static TEnum EnumValue<TEnum>(XmlElement parent, string name)
        where TEnum : struct, Enum
    {
        var element = Required(parent, name);
        return WireName<TEnum>.TryParse(element.InnerText, out var value)
            ? value
            : throw Invalid(element, $"'{element.InnerText}' is not a known {typeof(TEnum).Name}.");
    }

    private static TEnum? OptionalEnum<TEnum>(XmlElement parent, string name)
        where TEnum : struct, Enum =>
        Optional(parent, name) is null ? null : EnumValue<TEnum>(parent, name);

    private static string Text(XmlElement parent, string name) => Required(parent, name).InnerText;

    private static string? OptionalText(XmlElement parent, string name) => Optional(parent, name)?.InnerText;

    private static XmlElement Required(XmlElement parent, string name) =>
        Optional(parent, name)
        ?? throw Invalid(parent, $"the element '{name}' is missing.");

    private static XmlElement? Optional(XmlElement parent, string name)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element && element.LocalName == name && element.NamespaceURI == MonitoringSchema.Namespace)
            {
                return element;
            }
        }

        return null;
    }

    private static IEnumerable<XmlElement> Children(XmlElement parent)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element)
            {
                yield return element;
            }
        }
    }

    private static ShepException Invalid(XmlNode node, string problem) =>
        new(ShepFaults.BadFormat, $"The monitoring message is invalid: {MonitoringSchemaValidator.PathOf(node)}: {problem}");
}

using System.Xml;
using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.IntegrationTests.Corpus;

/// <summary>
/// The named steps a .fault file may ask for. <c>pre:</c> steps run before the WS-Security signature
/// (what they change is covered by it), <c>post:</c> steps after it (what an attacker does to a signed
/// message). Signature-level post steps are in <see cref="CorpusSignatureMutations"/>.
/// </summary>
public static class CorpusMutations
{
    public static IReadOnlyDictionary<string, Action<XmlDocument, CorpusContext>> Pre { get; } = new Dictionary<string, Action<XmlDocument, CorpusContext>>(StringComparer.Ordinal)
    {
        ["add-timestamp-expired"] = (_, c) => c.TimestampAt = c.Now.AddHours(-2),
        ["add-timestamp-future"] = (_, c) => c.TimestampAt = c.Now.AddHours(2),
        ["business-sign-data"] = BusinessSignData,
        ["data-signature-trailing-whitespace"] = (d, _) => PayloadRoot(d).AppendChild(d.CreateWhitespace("\n        ")),
        ["data-signature-not-last"] = (d, _) => PayloadRoot(d).PrependChild(DataSignature(d)),
        ["data-signature-method-gost"] = (d, _) => DataSignature(d)["SignedInfo", ShepNamespaces.XmlDsig]!["SignatureMethod", ShepNamespaces.XmlDsig]!
            .SetAttribute("Algorithm", SignatureAlgorithmSet.Gost2015),
    };

    public static IReadOnlyDictionary<string, Action<XmlDocument, CorpusContext>> Post { get; } =
        new Dictionary<string, Action<XmlDocument, CorpusContext>>(StringComparer.Ordinal)
        {
            ["tamper-body-text"] = (d, _) => TamperData(d.SelectSingleNode("//soap:Body", Ns(d))!, "0"),
            ["move-body-into-header-forge-body-same-id"] = (d, _) => MoveBodyIntoHeader(d, keepIdOnForgery: true),
            ["move-body-into-header-forge-body-without-id"] = (d, _) => MoveBodyIntoHeader(d, keepIdOnForgery: false),
            ["wrap-signed-body-in-wrapper-element"] = (d, _) => WrapBody(d),
            ["duplicate-body-id-on-header-element"] = (d, _) => AddIdHolder(d, qualified: true),
            ["duplicate-body-id-as-plain-id-attribute"] = (d, _) => AddIdHolder(d, qualified: false),
            ["add-second-security-header"] = (d, _) => Header(d).AppendChild(Security(d).CloneNode(deep: true)),
            ["duplicate-signature"] = (d, _) => Security(d).AppendChild(One(d, "//wsse:Security/ds:Signature").CloneNode(deep: true)),
            ["set-timestamp-year-9999"] = (d, _) => SetTimestamp(d, "9999-12-31T23:58:00Z", "9999-12-31T23:59:59Z"),
            ["set-timestamp-unparseable"] = (d, _) => SetTimestamp(d, "yesterday", "soon"),
        }.Concat(CorpusSignatureMutations.All).ToDictionary(StringComparer.Ordinal);

    internal static XmlNamespaceManager Ns(XmlDocument document)
    {
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("soap", ShepNamespaces.Soap11);
        ns.AddNamespace("wsse", ShepNamespaces.Wsse);
        ns.AddNamespace("wsu", ShepNamespaces.Wsu);
        ns.AddNamespace("ds", ShepNamespaces.XmlDsig);
        return ns;
    }

    internal static XmlElement One(XmlDocument document, string xpath) =>
        document.SelectSingleNode(xpath, Ns(document)) as XmlElement
        ?? throw new InvalidOperationException($"Corpus mutation: nothing matches {xpath}.");

    internal static XmlElement Header(XmlDocument document) => One(document, "/soap:Envelope/soap:Header");

    internal static XmlElement Security(XmlDocument document) => One(document, "/soap:Envelope/soap:Header/wsse:Security");

    internal static XmlElement Body(XmlDocument document) => One(document, "/soap:Envelope/soap:Body");

    internal static XmlElement QualifiedElement(XmlDocument document, string prefix, string name, string ns) =>
        document.CreateElement(prefix, name, ns);

    /// <summary>Appends a namespace-qualified child element holding the text.</summary>
    internal static XmlElement AddQualified(XmlElement parent, string prefix, string name, string ns, string text)
    {
        var element = QualifiedElement(parent.OwnerDocument, prefix, name, ns);
        element.InnerText = text;
        parent.AppendChild(element);
        return element;
    }

    private static void TamperData(XmlNode scope, string suffix)
    {
        var text = scope.SelectSingleNode(".//data//text()[normalize-space()]")
            ?? throw new InvalidOperationException("Corpus mutation: the data has no text to tamper with.");
        text.Value += suffix;
    }

    /// <summary>Classic wrapping: the signed Body goes into the Header, a forged Body takes its place.</summary>
    private static void MoveBodyIntoHeader(XmlDocument document, bool keepIdOnForgery)
    {
        var body = Body(document);
        var forged = (XmlElement)body.CloneNode(deep: true);
        TamperData(forged, "9");
        if (!keepIdOnForgery)
        {
            forged.RemoveAttribute("Id", ShepNamespaces.Wsu);
        }

        var envelope = document.DocumentElement!;
        envelope.RemoveChild(body);
        var wrapper = QualifiedElement(document, "x", "Wrapper", "urn:attacker");
        wrapper.AppendChild(body);
        Header(document).AppendChild(keepIdOnForgery ? body : wrapper);
        envelope.AppendChild(forged);
    }

    private static void WrapBody(XmlDocument document)
    {
        var body = Body(document);
        var wrapper = QualifiedElement(document, "x", "Wrapper", "urn:attacker");
        document.DocumentElement!.ReplaceChild(wrapper, body);
        wrapper.AppendChild(body);
    }

    /// <summary>A second element in the Header carrying the Body's id (as wsu:Id or as a plain Id).</summary>
    private static void AddIdHolder(XmlDocument document, bool qualified)
    {
        var id = Body(document).GetAttribute("Id", ShepNamespaces.Wsu);
        var holder = QualifiedElement(document, "x", "Decoy", "urn:attacker");
        if (qualified)
        {
            var attribute = document.CreateAttribute("wsu", "Id", ShepNamespaces.Wsu);
            attribute.Value = id;
            holder.Attributes.Append(attribute);
        }
        else
        {
            holder.SetAttribute("Id", id);
        }

        holder.InnerText = "decoy";
        Header(document).PrependChild(holder);
    }

    /// <summary>Puts a wsu:Timestamp with the given texts first in the Security header (replacing one if present).</summary>
    private static void SetTimestamp(XmlDocument document, string created, string expires)
    {
        var security = Security(document);
        var old = security["Timestamp", ShepNamespaces.Wsu];
        if (old is not null)
        {
            security.RemoveChild(old);
        }

        var timestamp = QualifiedElement(document, "wsu", "Timestamp", ShepNamespaces.Wsu);
        AddQualified(timestamp, "wsu", "Created", ShepNamespaces.Wsu, created);
        AddQualified(timestamp, "wsu", "Expires", ShepNamespaces.Wsu, expires);
        security.PrependChild(timestamp);
    }

    private static XmlElement PayloadRoot(XmlDocument document) =>
        One(document, "//data").ChildNodes.OfType<XmlElement>().FirstOrDefault()
        ?? throw new InvalidOperationException("Corpus mutation: data has no payload element.");

    private static XmlElement DataSignature(XmlDocument document) =>
        PayloadRoot(document)["Signature", ShepNamespaces.XmlDsig]
        ?? throw new InvalidOperationException("Corpus mutation: the payload is not signed (add pre: business-sign-data first).");

    /// <summary>Signs the payload as the business-data signature is made: standalone, enveloped, by the client.</summary>
    private static void BusinessSignData(XmlDocument document, CorpusContext context)
    {
        var root = PayloadRoot(document);
        var standalone = SafeXml.NewDocument();
        standalone.AppendChild(standalone.ImportNode(root, deep: true));
        BusinessSignature.Sign(standalone, context.Pki.Client);
        root.ParentNode!.ReplaceChild(document.ImportNode(standalone.DocumentElement!, deep: true), root);
    }
}

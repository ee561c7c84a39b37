using System.Text;
using System.Xml;
using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Monitoring.Statuses;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;
using N = ProactiveReissue.Monitoring.Xml.MonitoringNames;

namespace ProactiveReissue.Monitoring.Xml;

/// <summary>
/// Reads monitoring messages: parsed by <see cref="SafeXml"/> (no DTD, no resolver, bounded size and depth),
/// validated against the XSD, then held to the rules the XSD cannot state (IIN/BIN check digits, the processing
/// status that goes with a status code, the result document of an approval, the document hash). Every failure is
/// an SCE001 <see cref="ShepException"/> naming the element. A ds:Signature is allowed but not checked here: the
/// gateway verifies it with BusinessSignature before the payload reaches this reader.
/// </summary>
public static partial class MonitoringMessageReader
{
    public static MonitoringMessage Read(ReadOnlyMemory<byte> xml, XmlLimits? limits = null) =>
        Read(SafeXml.Load(xml, limits));

    public static MonitoringMessage ReadString(string xml, XmlLimits? limits = null) =>
        Read(SafeXml.LoadString(xml, limits));

    /// <summary>Reads a message of the expected kind; any other kind is SCE001.</summary>
    public static T Read<T>(ReadOnlyMemory<byte> xml, XmlLimits? limits = null)
        where T : MonitoringMessage =>
        Read(xml, limits) as T
        ?? throw new ShepException(ShepFaults.BadFormat, $"Expected a monitoring {typeof(T).Name} message, but got another kind.");

    /// <summary>Reads the payload root of a SHEP message (the element under data), in its own document.</summary>
    public static MonitoringMessage Read(XmlElement payloadRoot)
    {
        ArgumentNullException.ThrowIfNull(payloadRoot);
        var document = SafeXml.NewDocument();
        document.AppendChild(document.ImportNode(payloadRoot, deep: true));
        return Read(document);
    }

    /// <summary>Validates and reads a parsed document (its Schemas property is set to the monitoring XSD).</summary>
    public static MonitoringMessage Read(XmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        MonitoringSchemaValidator.Validate(document);
        var root = document.DocumentElement!;
        return root.LocalName switch
        {
            N.ApplicationStatus => ReadStatus(root),
            N.DocumentData => ReadDocumentData(root),
            N.ApplicationRequest => ReadRequest(root),
            N.ApplicationResult => ReadResult(root),
            _ => throw new ShepException(ShepFaults.BadFormat, $"'{root.LocalName}' is not a monitoring message."),
        };
    }

    private static ApplicationStatus ReadStatus(XmlElement root)
    {
        var code = EnumValue<MonitoringStatusCode>(root, N.StatusCode);
        var processing = EnumValue<ProcessingStatus>(root, N.ProcessingStatus);
        var expected = MonitoringStatusCatalogue.Get(code).ProcessingStatus;
        if (processing != expected)
        {
            throw Invalid(
                Required(root, N.ProcessingStatus),
                $"status {WireName<MonitoringStatusCode>.Of(code)} goes with processing status {WireName<ProcessingStatus>.Of(expected)}, not {WireName<ProcessingStatus>.Of(processing)}.");
        }

        return new ApplicationStatus(
            Text(root, N.ApplicationNumber),
            Text(root, N.ServiceCode),
            ReadParty(Required(root, N.Provider)),
            code,
            processing,
            Text(root, N.StatusTextRu),
            Text(root, N.StatusTextKk),
            Time(root, N.StatusDate))
        {
            ReasonCode = OptionalEnum<MonitoringStatusCode>(root, N.ReasonCode),
            Comment = OptionalText(root, N.Comment),
            ExternalRequests = ReadExternalRequests(root),
        };
    }

    private static DocumentData ReadDocumentData(XmlElement root)
    {
        DocumentContent content;
        byte[] actual;
        if (Optional(root, N.ContentBase64) is { } binary)
        {
            var bytes = Convert.FromBase64String(binary.InnerText);
            content = new BinaryDocumentContent(bytes, binary.GetAttribute(N.MediaType));
            actual = DocumentHash.Compute(content);
        }
        else
        {
            var element = Children(Required(root, N.ContentXml)).Single();
            content = new XmlDocumentContent(Encoding.UTF8.GetString(ExclusiveCanonicalizer.Canonicalize(element)));
            actual = DocumentHash.Compute(element);
        }

        var hash = Required(root, N.Hash);
        if (!Convert.FromBase64String(hash.InnerText).AsSpan().SequenceEqual(actual))
        {
            throw Invalid(hash, $"the SHA-256 of the content is {Convert.ToBase64String(actual)}; the message states another value, so the content was altered or hashed differently.");
        }

        return new DocumentData(
            Text(root, N.ApplicationNumber),
            Text(root, N.DocumentType),
            Text(root, N.DocumentNumber),
            Date(root, N.DocumentDate),
            ReadParty(Required(root, N.Issuer)),
            content);
    }

    private static ApplicationRequest ReadRequest(XmlElement root)
    {
        var applicantElement = Required(root, N.Applicant);
        var representative = Optional(applicantElement, N.Representative);
        var applicant = new Applicant(Bin(applicantElement), Text(applicantElement, N.Name))
        {
            PreviousName = OptionalText(applicantElement, N.PreviousName),
            Representative = representative is null ? null : ReadPerson(representative),
        };

        var parameters = Optional(root, N.Parameters) is { } list
            ? Children(list).Select(p => new ApplicationParameter(p.GetAttribute(N.Name), p.InnerText)).ToArray()
            : [];
        var documents = Optional(root, N.Documents) is { } docs
            ? Children(docs).Select(ReadReference).ToArray()
            : [];

        return new ApplicationRequest(
            Text(root, N.ApplicationNumber),
            Text(root, N.ServiceCode),
            ReadParty(Required(root, N.Provider)),
            Time(root, N.SubmittedAt),
            applicant)
        {
            Parameters = parameters,
            Documents = documents,
        };
    }

    private static ApplicationResult ReadResult(XmlElement root)
    {
        var resolution = EnumValue<Resolution>(root, N.Resolution);
        var document = Optional(root, N.ResultDocument);
        if (resolution == Resolution.Approved && document is null)
        {
            throw Invalid(Required(root, N.Resolution), "an APPROVED result must name its resultDocument.");
        }

        return new ApplicationResult(
            Text(root, N.ApplicationNumber),
            Text(root, N.ServiceCode),
            ReadParty(Required(root, N.Provider)),
            resolution,
            Time(root, N.ResolutionDate))
        {
            StatusCode = OptionalEnum<MonitoringStatusCode>(root, N.StatusCode),
            Comment = OptionalText(root, N.Comment),
            ResultDocument = document is null ? null : ReadReference(document),
            ExternalRequests = ReadExternalRequests(root),
        };
    }
}

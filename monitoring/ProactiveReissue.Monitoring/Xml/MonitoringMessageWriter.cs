using System.Globalization;
using System.Text;
using System.Xml;
using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Monitoring.Statuses;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;
using ProactiveReissue.Shep.Xml;
using N = ProactiveReissue.Monitoring.Xml.MonitoringNames;

namespace ProactiveReissue.Monitoring.Xml;

/// <summary>
/// Writes monitoring messages. <see cref="Write"/> and <see cref="WriteDocument"/> check their own output against
/// the XSD and the reader's rules, so nothing invalid is ever queued; timestamps go out in local time (+05:00).
/// </summary>
public static class MonitoringMessageWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>UTF-8 XML of the message, validated.</summary>
    public static byte[] Write(MonitoringMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = Utf8, Indent = false, CloseOutput = false };
        try
        {
            using (var writer = XmlWriter.Create(buffer, settings))
            {
                writer.WriteStartDocument();
                WriteTo(writer, message);
                writer.WriteEndDocument();
            }
        }
        catch (ArgumentException ex)
        {
            throw new ShepException(ShepFaults.BadFormat, $"The monitoring message for application '{message.ApplicationNumber}' cannot be written as XML: {ex.Message}", inner: ex);
        }
        catch (ShepException ex)
        {
            // the XML content of a DocumentData did not parse
            throw new ShepException(ex.Fault, $"The monitoring message for application '{message.ApplicationNumber}' cannot be written: {ex.Detail}", inner: ex);
        }

        var bytes = buffer.ToArray();
        try
        {
            MonitoringMessageReader.Read(bytes);
        }
        catch (ShepException ex)
        {
            throw new ShepException(ShepFaults.BadFormat, $"The monitoring message to send is invalid: {ex.Detail}", inner: ex);
        }

        return bytes;
    }

    /// <summary>The validated message as a DOM (whitespace preserved), ready for BusinessSignature.Sign.</summary>
    public static XmlDocument WriteDocument(MonitoringMessage message) => SafeXml.Load(Write(message));

    /// <summary>Writes the message element only, without validation (for composing into a larger document).</summary>
    public static void WriteTo(XmlWriter writer, MonitoringMessage message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (message)
        {
            case ApplicationStatus status:
                WriteStatus(writer, status);
                break;
            case DocumentData document:
                WriteDocumentData(writer, document);
                break;
            case ApplicationRequest request:
                WriteRequest(writer, request);
                break;
            case ApplicationResult result:
                WriteResult(writer, result);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "Unknown monitoring message kind.");
        }
    }

    private static void WriteStatus(XmlWriter w, ApplicationStatus status)
    {
        w.WriteStartElement(N.ApplicationStatus, MonitoringSchema.Namespace);
        Text(w, N.ApplicationNumber, status.ApplicationNumber);
        Text(w, N.ServiceCode, status.ServiceCode);
        WriteParty(w, N.Provider, status.Provider);
        Text(w, N.StatusCode, WireName<MonitoringStatusCode>.Of(status.StatusCode));
        Text(w, N.ProcessingStatus, WireName<ProcessingStatus>.Of(status.ProcessingStatus));
        Text(w, N.StatusTextRu, status.StatusTextRu);
        Text(w, N.StatusTextKk, status.StatusTextKk);
        Text(w, N.StatusDate, LocalClock.Format(status.StatusDate));
        if (status.ReasonCode is { } reason)
        {
            Text(w, N.ReasonCode, WireName<MonitoringStatusCode>.Of(reason));
        }

        OptionalText(w, N.Comment, status.Comment);
        WriteExternalRequests(w, status.ExternalRequests);
        w.WriteEndElement();
    }

    private static void WriteDocumentData(XmlWriter w, DocumentData document)
    {
        w.WriteStartElement(N.DocumentData, MonitoringSchema.Namespace);
        Text(w, N.ApplicationNumber, document.ApplicationNumber);
        Text(w, N.DocumentType, document.DocumentType);
        Text(w, N.DocumentNumber, document.DocumentNumber);
        Text(w, N.DocumentDate, Date(document.DocumentDate));
        WriteParty(w, N.Issuer, document.Issuer);
        switch (document.Content)
        {
            case BinaryDocumentContent binary:
                w.WriteStartElement(N.ContentBase64, MonitoringSchema.Namespace);
                w.WriteAttributeString(N.MediaType, binary.MediaType);
                w.WriteString(Convert.ToBase64String(binary.Bytes));
                w.WriteEndElement();
                break;
            case XmlDocumentContent xml:
                w.WriteStartElement(N.ContentXml, MonitoringSchema.Namespace);
                SafeXml.LoadString(xml.Xml).DocumentElement!.WriteTo(w);
                w.WriteEndElement();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(document), document.Content?.GetType().Name, "Unknown document content.");
        }

        WriteHash(w, DocumentHash.Compute(document.Content));
        w.WriteEndElement();
    }

    private static void WriteRequest(XmlWriter w, ApplicationRequest request)
    {
        w.WriteStartElement(N.ApplicationRequest, MonitoringSchema.Namespace);
        Text(w, N.ApplicationNumber, request.ApplicationNumber);
        Text(w, N.ServiceCode, request.ServiceCode);
        WriteParty(w, N.Provider, request.Provider);
        Text(w, N.SubmittedAt, LocalClock.Format(request.SubmittedAt));

        var applicant = request.Applicant;
        w.WriteStartElement(N.Applicant, MonitoringSchema.Namespace);
        Text(w, N.Bin, applicant.Bin);
        Text(w, N.Name, applicant.Name);
        OptionalText(w, N.PreviousName, applicant.PreviousName);
        if (applicant.Representative is { } person)
        {
            w.WriteStartElement(N.Representative, MonitoringSchema.Namespace);
            Text(w, N.Iin, person.Iin);
            Text(w, N.LastName, person.LastName);
            Text(w, N.FirstName, person.FirstName);
            OptionalText(w, N.MiddleName, person.MiddleName);
            w.WriteEndElement();
        }

        w.WriteEndElement();

        if (request.Parameters.Count > 0)
        {
            w.WriteStartElement(N.Parameters, MonitoringSchema.Namespace);
            foreach (var parameter in request.Parameters)
            {
                w.WriteStartElement(N.Parameter, MonitoringSchema.Namespace);
                w.WriteAttributeString(N.Name, parameter.Name);
                w.WriteString(parameter.Value);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        if (request.Documents.Count > 0)
        {
            w.WriteStartElement(N.Documents, MonitoringSchema.Namespace);
            foreach (var document in request.Documents)
            {
                WriteReference(w, N.Document, document);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteResult(XmlWriter w, ApplicationResult result)
    {
        w.WriteStartElement(N.ApplicationResult, MonitoringSchema.Namespace);
        Text(w, N.ApplicationNumber, result.ApplicationNumber);
        Text(w, N.ServiceCode, result.ServiceCode);
        WriteParty(w, N.Provider, result.Provider);
        Text(w, N.Resolution, WireName<Resolution>.Of(result.Resolution));
        Text(w, N.ResolutionDate, LocalClock.Format(result.ResolutionDate));
        if (result.StatusCode is { } code)
        {
            Text(w, N.StatusCode, WireName<MonitoringStatusCode>.Of(code));
        }

        OptionalText(w, N.Comment, result.Comment);
        if (result.ResultDocument is { } document)
        {
            WriteReference(w, N.ResultDocument, document);
        }

        WriteExternalRequests(w, result.ExternalRequests);
        w.WriteEndElement();
    }

    private static void WriteParty(XmlWriter w, string element, Party party)
    {
        w.WriteStartElement(element, MonitoringSchema.Namespace);
        Text(w, N.Bin, party.Bin);
        Text(w, N.Name, party.Name);
        w.WriteEndElement();
    }

    private static void WriteReference(XmlWriter w, string element, DocumentReference reference)
    {
        w.WriteStartElement(element, MonitoringSchema.Namespace);
        Text(w, N.DocumentType, reference.DocumentType);
        Text(w, N.DocumentNumber, reference.DocumentNumber);
        Text(w, N.DocumentDate, Date(reference.DocumentDate));
        if (reference.Issuer is { } issuer)
        {
            WriteParty(w, N.Issuer, issuer);
        }

        if (reference.Sha256 is { } hash)
        {
            WriteHash(w, hash);
        }

        w.WriteEndElement();
    }

    private static void WriteExternalRequests(XmlWriter w, IReadOnlyList<ExternalRequest> requests)
    {
        if (requests.Count == 0)
        {
            return;
        }

        w.WriteStartElement(N.ExternalRequests, MonitoringSchema.Namespace);
        foreach (var request in requests)
        {
            w.WriteStartElement(N.ExternalRequest, MonitoringSchema.Namespace);
            Text(w, N.System, WireName<ExternalSystem>.Of(request.System));
            Text(w, N.RequestId, request.RequestId);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteHash(XmlWriter w, byte[] hash)
    {
        w.WriteStartElement(N.Hash, MonitoringSchema.Namespace);
        w.WriteAttributeString(N.Algorithm, DocumentHash.Algorithm);
        w.WriteString(Convert.ToBase64String(hash));
        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, string element, string value) =>
        w.WriteElementString(element, MonitoringSchema.Namespace, value);

    private static void OptionalText(XmlWriter w, string element, string? value)
    {
        if (value is not null)
        {
            Text(w, element, value);
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

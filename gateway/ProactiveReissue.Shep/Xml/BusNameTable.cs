using System.Collections.Frozen;
using System.Xml;

namespace ProactiveReissue.Shep.Xml;

/// <summary>
/// A document's name table: the names every bus message uses (SOAP, WS-Security, XML-DSig, the SHEP envelope, the
/// DOM's own) come from one frozen set shared by all documents; any other name goes to a table of the document's own,
/// made when the first such name appears. A new <see cref="NameTable"/> per document built and hashed the same 80 or so
/// names again for every message, about 25 KB of entries per exchange. The frozen set is never written, so sharing it
/// between threads is safe; the document's own part is used as a <see cref="NameTable"/> always was.
/// </summary>
public sealed class BusNameTable : XmlNameTable
{
    private static readonly FrozenSet<string> Common = FrozenSet.Create(StringComparer.Ordinal,
    [
        string.Empty,

        // the DOM's and the reader's own names
        "#document", "#document-fragment", "#comment", "#text", "#cdata-section", "#entity", "#whitespace", "#significant-whitespace",
        "#entity-reference", "#processing-instruction", "#xml-declaration", "xml", "xmlns", "lang", "space", "version", "encoding", "standalone",
        "http://www.w3.org/2000/xmlns/", "http://www.w3.org/XML/1998/namespace",

        // namespaces and their usual prefixes
        ShepNamespaces.Soap11, ShepNamespaces.Soap12, ShepNamespaces.SyncTypes, ShepNamespaces.SyncInterfaces, ShepNamespaces.CommonTypes,
        ShepNamespaces.Wsse, ShepNamespaces.Wsu, ShepNamespaces.XmlDsig, ShepNamespaces.Xsi, ShepNamespaces.Xsd,
        "soap", "soapenv", "SOAP-ENV", "env", "S", "wsse", "wsu", "ds", "dsig", "xsi", "xs", "xsd", "ns", "ns1", "ns2", "ns3", "typ", "int", "v10",

        // SOAP 1.1
        "Envelope", "Header", "Body", "Fault", "faultcode", "faultstring", "faultactor", "detail", "mustUnderstand", "actor", "type",

        // WS-Security and XML-DSig
        "Security", "BinarySecurityToken", "Timestamp", "Created", "Expires", "SecurityTokenReference", "Reference", "KeyIdentifier",
        "Id", "id", "ID", "ValueType", "EncodingType", "URI", "Algorithm", "PrefixList", "InclusiveNamespaces",
        "Signature", "SignedInfo", "CanonicalizationMethod", "SignatureMethod", "Transforms", "Transform", "DigestMethod", "DigestValue",
        "SignatureValue", "KeyInfo", "X509Data", "X509Certificate", "X509IssuerSerial", "X509IssuerName", "X509SerialNumber",

        // the SHEP envelope
        "SendMessage", "SendMessageResponse", "SendMessageFault1_SendMessageFault", "request", "response", "requestInfo", "responseInfo",
        "requestData", "responseData", "data", "messageId", "correlationId", "serviceId", "messageDate", "responseDate", "routeId", "sessionId",
        "sender", "senderId", "password", "properties", "key", "value", "status", "code", "message", "subError",
        "errorCode", "errorData", "errorDate", "errorMessage", "errorInfo",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CommonBySpan = Common.GetAlternateLookup<ReadOnlySpan<char>>();

    private NameTable? _own;

    public override string Add(char[] array, int offset, int length) =>
        CommonBySpan.TryGetValue(array.AsSpan(offset, length), out var common) ? common : Own.Add(array, offset, length);

    public override string Add(string array) =>
        Common.TryGetValue(array, out var common) ? common : Own.Add(array);

    public override string? Get(char[] array, int offset, int length) =>
        CommonBySpan.TryGetValue(array.AsSpan(offset, length), out var common) ? common : _own?.Get(array, offset, length);

    public override string? Get(string array) =>
        Common.TryGetValue(array, out var common) ? common : _own?.Get(array);

    private NameTable Own => _own ??= new NameTable();
}

using System.Security.Cryptography;
using System.Xml;
using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Monitoring.Xml;

/// <summary>
/// The hash of a document's content: SHA-256 of the bytes of a binary document, or of the exclusive canonical
/// form (xml-exc-c14n, no comments) of an XML document's element, so that namespaces declared around it and
/// serialisation details do not change it.
/// </summary>
public static class DocumentHash
{
    public const string Algorithm = "http://www.w3.org/2001/04/xmlenc#sha256";

    public static byte[] Compute(DocumentContent content) => content switch
    {
        BinaryDocumentContent binary => SHA256.HashData(binary.Bytes),
        XmlDocumentContent xml => Compute(SafeXml.LoadString(xml.Xml).DocumentElement!),
        _ => throw new ArgumentOutOfRangeException(nameof(content), content.GetType().Name, "Unknown document content."),
    };

    public static byte[] Compute(XmlElement element) => ExclusiveCanonicalizer.Sha256(element, []);
}

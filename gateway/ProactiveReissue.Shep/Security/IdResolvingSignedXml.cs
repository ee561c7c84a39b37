using System.Security.Cryptography.Xml;
using System.Xml;

namespace ProactiveReissue.Shep.Security;

/// <summary>
/// SignedXml that resolves "#id" to exactly the element we already decided to process (the Body),
/// never by searching the document: the element whose signature is checked is the element processed.
/// </summary>
internal sealed class IdResolvingSignedXml : SignedXml
{
    private readonly string _id;
    private readonly XmlElement _target;

    public IdResolvingSignedXml(XmlDocument document, string id, XmlElement target)
        : base(document)
    {
        _id = id;
        _target = target;
    }

    public override XmlElement? GetIdElement(XmlDocument? document, string idValue) =>
        string.Equals(idValue, _id, StringComparison.Ordinal) ? _target : null;
}

using System.Xml;
using ProactiveReissue.Shep.Faults;

namespace ProactiveReissue.Shep.Envelope;

/// <summary>Checks the SOAP 1.1 frame: Envelope, optional Header, Body with exactly one operation element.</summary>
public static class SoapEnvelopeReader
{
    public static SoapMessage Read(XmlDocument document)
    {
        var root = document.DocumentElement
            ?? throw new ShepException(ShepFaults.BadFormat, "The message has no root element.");
        if (root.LocalName == "Envelope" && root.NamespaceURI == ShepNamespaces.Soap12)
        {
            throw new ShepException(ShepFaults.SoapVersionMismatch, "A SOAP 1.2 envelope was sent; the bus speaks SOAP 1.1 (http://schemas.xmlsoap.org/soap/envelope/).");
        }

        if (root.LocalName != "Envelope" || root.NamespaceURI != ShepNamespaces.Soap11)
        {
            throw new ShepException(ShepFaults.BadFormat, $"The root element is {{{root.NamespaceURI}}}{root.LocalName}, not a SOAP 1.1 Envelope.");
        }

        XmlElement? header = null;
        XmlElement? body = null;
        foreach (var child in XmlNav.Elements(root))
        {
            if (child.NamespaceURI == ShepNamespaces.Soap11 && child.LocalName == "Header" && header is null && body is null)
            {
                header = child;
            }
            else if (child.NamespaceURI == ShepNamespaces.Soap11 && child.LocalName == "Body" && body is null)
            {
                body = child;
            }
            else
            {
                throw new ShepException(ShepFaults.BadFormat, $"Unexpected element {{{child.NamespaceURI}}}{child.LocalName} in the Envelope (Header?, Body expected, each once).");
            }
        }

        if (XmlNav.HasSignificantText(root))
        {
            throw new ShepException(ShepFaults.BadFormat, "Text content directly inside the Envelope is not allowed.");
        }

        if (body is null)
        {
            throw new ShepException(ShepFaults.BadFormat, "The Envelope has no Body.");
        }

        var operations = XmlNav.Elements(body).ToList();
        if (operations.Count != 1)
        {
            throw new ShepException(ShepFaults.BadFormat, $"The Body must hold exactly one operation element; it holds {operations.Count}.");
        }

        return new SoapMessage(document, header, body, operations[0]);
    }
}

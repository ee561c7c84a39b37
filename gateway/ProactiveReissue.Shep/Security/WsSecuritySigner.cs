using System.Xml;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Shep.Security;

/// <summary>
/// Signs a SOAP 1.1 envelope the way the bus does: wsse:Security (mustUnderstand=1) in the Header,
/// one Reference to the Body's wsu:Id, exclusive C14N, RSA-SHA256, the certificate in KeyInfo.
/// </summary>
public sealed class WsSecuritySigner(SigningCredentials credentials, KeyInfoStyle keyInfoStyle = KeyInfoStyle.KeyIdentifier)
{
    public SigningCredentials Credentials => credentials;

    /// <summary>Signs in place. Optionally adds a wsu:Timestamp (unsigned, as the bus's clients send it).</summary>
    public void Sign(XmlDocument document, TimeProvider? time = null, TimeSpan? timestampLifetime = null)
    {
        var envelope = document.DocumentElement ?? throw new ArgumentException("Empty document.", nameof(document));
        var header = envelope.FirstChild as XmlElement;
        if (header is null || header.LocalName != "Header" || header.NamespaceURI != ShepNamespaces.Soap11)
        {
            header = document.CreateElement("soap", "Header", ShepNamespaces.Soap11);
            envelope.PrependChild(header);
        }

        var body = envelope.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "Body" && e.NamespaceURI == ShepNamespaces.Soap11)
            ?? throw new ShepException(ShepFaults.Internal, "The envelope to sign has no Body.");
        var id = body.GetAttribute("Id", ShepNamespaces.Wsu);
        if (id.Length == 0)
        {
            throw new ShepException(ShepFaults.Internal, "The Body to sign has no wsu:Id.");
        }

        var security = document.CreateElement("wsse", "Security", ShepNamespaces.Wsse);
        var mustUnderstand = document.CreateAttribute("soap", "mustUnderstand", ShepNamespaces.Soap11);
        mustUnderstand.Value = "1";
        security.Attributes.Append(mustUnderstand);
        header.AppendChild(security);

        if (time is not null)
        {
            AddTimestamp(security, time, timestampLifetime ?? TimeSpan.FromMinutes(5));
        }

        ExclusiveSignature.Sign(document, body, id, SecurityTokenReference(document, security), security, credentials);
    }

    private XmlElement SecurityTokenReference(XmlDocument document, XmlElement security)
    {
        var str = document.CreateElement("wsse", "SecurityTokenReference", ShepNamespaces.Wsse);
        switch (keyInfoStyle)
        {
            case KeyInfoStyle.IssuerSerial:
                var x509Data = document.CreateElement("ds", "X509Data", ShepNamespaces.XmlDsig);
                var issuerSerial = document.CreateElement("ds", "X509IssuerSerial", ShepNamespaces.XmlDsig);
                var issuerName = document.CreateElement("ds", "X509IssuerName", ShepNamespaces.XmlDsig);
                issuerName.InnerText = credentials.Certificate.Issuer;
                var serial = document.CreateElement("ds", "X509SerialNumber", ShepNamespaces.XmlDsig);
                serial.InnerText = new System.Numerics.BigInteger(credentials.Certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true)
                    .ToString(System.Globalization.CultureInfo.InvariantCulture);
                issuerSerial.AppendChild(issuerName);
                issuerSerial.AppendChild(serial);
                x509Data.AppendChild(issuerSerial);
                str.AppendChild(x509Data);
                break;
            case KeyInfoStyle.BinarySecurityToken:
                var tokenId = "X509-" + Guid.NewGuid().ToString("N");
                var token = document.CreateElement("wsse", "BinarySecurityToken", ShepNamespaces.Wsse);
                token.SetAttribute("EncodingType", ShepNamespaces.Base64Binary);
                token.SetAttribute("ValueType", ShepNamespaces.X509TokenProfile);
                var tokenIdAttribute = document.CreateAttribute("wsu", "Id", ShepNamespaces.Wsu);
                tokenIdAttribute.Value = tokenId;
                token.Attributes.Append(tokenIdAttribute);
                token.InnerText = credentials.CertificateBase64;
                security.PrependChild(token);
                var reference = document.CreateElement("wsse", "Reference", ShepNamespaces.Wsse);
                reference.SetAttribute("URI", "#" + tokenId);
                reference.SetAttribute("ValueType", ShepNamespaces.X509TokenProfile);
                str.AppendChild(reference);
                break;
            default:
                var keyIdentifier = document.CreateElement("wsse", "KeyIdentifier", ShepNamespaces.Wsse);
                keyIdentifier.SetAttribute("EncodingType", ShepNamespaces.Base64Binary);
                keyIdentifier.SetAttribute("ValueType", ShepNamespaces.X509TokenProfile);
                keyIdentifier.InnerText = credentials.CertificateBase64;
                str.AppendChild(keyIdentifier);
                break;
        }

        return str;
    }

    private static void AddTimestamp(XmlElement security, TimeProvider time, TimeSpan lifetime)
    {
        var document = security.OwnerDocument;
        var now = time.GetUtcNow();
        var timestamp = document.CreateElement("wsu", "Timestamp", ShepNamespaces.Wsu);
        var created = document.CreateElement("wsu", "Created", ShepNamespaces.Wsu);
        created.InnerText = LocalClock.Format(now);
        var expires = document.CreateElement("wsu", "Expires", ShepNamespaces.Wsu);
        expires.InnerText = LocalClock.Format(now + lifetime);
        timestamp.AppendChild(created);
        timestamp.AppendChild(expires);
        security.AppendChild(timestamp);
    }
}

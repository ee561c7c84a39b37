using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Shep.Security;

/// <summary>
/// Verifies the transport (WS-Security) signature of a SOAP 1.1 message: one wsse:Security header,
/// one ds:Signature, one Reference to the Body by wsu:Id, exclusive C14N, RSA-SHA256 (or a registered
/// algorithm). The referenced id must name exactly one element in the whole document and that
/// element must be the Envelope's Body: moved, duplicated or substituted Bodies are refused.
/// </summary>
public sealed class WsSecurityVerifier(SignatureAlgorithmSet algorithms, ICertificateResolver resolver, TimeProvider time, TimeSpan clockSkew)
{
    public VerifiedSignature Verify(SoapMessage message)
    {
        var security = FindSecurityHeader(message);
        var signatures = XmlNav.Elements(security).Where(e => e.LocalName == "Signature" && e.NamespaceURI == ShepNamespaces.XmlDsig).ToList();
        if (signatures.Count == 0)
        {
            throw new ShepException(ShepFaults.TransportSignatureMissing, "wsse:Security holds no ds:Signature.");
        }

        if (signatures.Count > 1)
        {
            throw new ShepException(ShepFaults.TransportSignatureInvalid, "wsse:Security holds more than one ds:Signature.");
        }

        CheckTimestamp(security);
        var signature = signatures[0];
        var reference = SignedInfoCheck.SingleReference(signature, algorithms, ShepFaults.TransportSignatureInvalid);
        var uri = reference.GetAttribute("URI");
        if (!uri.StartsWith('#') || uri.Length < 2)
        {
            throw new ShepException(ShepFaults.TransportSignatureInvalid, $"The Reference URI '{uri}' does not point at the Body by id.");
        }

        var id = uri[1..];
        var body = message.Body;
        var bodyId = body.GetAttribute("Id", ShepNamespaces.Wsu);
        if (bodyId != id)
        {
            throw new ShepException(ShepFaults.TransportSignatureInvalid, $"The signature references '#{id}', but the Body being processed carries wsu:Id '{bodyId}': the signed element is not the processed one.");
        }

        var holders = CountIdHolders(message.Document.DocumentElement!, id);
        if (holders != 1)
        {
            throw new ShepException(ShepFaults.TransportSignatureInvalid, $"The id '{id}' is carried by {holders} elements; exactly one (the Body) is allowed.");
        }

        var certificate = ReadCertificate(signature, security);
        var ok = ExclusiveSignature.IsFastPath(signature, reference)
            ? ExclusiveSignature.Verify(signature, reference, body, certificate)
            : VerifyWithSignedXml(message, signature, id, body, certificate);
        if (!ok)
        {
            throw new ShepException(ShepFaults.TransportSignatureInvalid, "The transport signature does not match the Body or the signer's key.");
        }

        return new VerifiedSignature(certificate, body);
    }

    private static bool VerifyWithSignedXml(SoapMessage message, XmlElement signature, string id, XmlElement body, X509Certificate2 certificate)
    {
        try
        {
            var signedXml = new IdResolvingSignedXml(message.Document, id, body);
            signedXml.LoadXml(signature);
            var key = RsaKeys.PublicKey(certificate);
            return key is not null && signedXml.CheckSignature(key);
        }
        catch (CryptographicException ex)
        {
            throw new ShepException(ShepFaults.TransportSignatureInvalid, $"The transport signature could not be checked: {ex.Message}", inner: ex);
        }
        catch (FormatException ex)
        {
            throw new ShepException(ShepFaults.TransportSignatureInvalid, "DigestValue or SignatureValue is not valid base64.", inner: ex);
        }
    }

    private static XmlElement FindSecurityHeader(SoapMessage message)
    {
        if (message.Header is null)
        {
            throw new ShepException(ShepFaults.TransportSignatureMissing, "The Envelope has no Header, so no wsse:Security signature.");
        }

        var headers = XmlNav.Elements(message.Header).Where(e => e.LocalName == "Security" && e.NamespaceURI == ShepNamespaces.Wsse).ToList();
        return headers.Count switch
        {
            0 => throw new ShepException(ShepFaults.TransportSignatureMissing, "The Header has no wsse:Security element."),
            1 => headers[0],
            _ => throw new ShepException(ShepFaults.TransportSignatureInvalid, "The Header has more than one wsse:Security element."),
        };
    }

    private void CheckTimestamp(XmlElement security)
    {
        var timestamp = XmlNav.Child(security, "Timestamp", ShepNamespaces.Wsu);
        if (timestamp is null)
        {
            return;
        }

        // The skew is applied to "now", never to the client's dates: those may be as late as year 9999.
        var now = time.GetUtcNow();
        var expires = TimestampField(timestamp, "Expires");
        if (expires is { } e && e.Value < now - clockSkew)
        {
            throw new ShepException(ShepFaults.TransportSignatureStale, $"The wsu:Timestamp expired at {e.Text}; now is {LocalClock.Format(now)}.");
        }

        var created = TimestampField(timestamp, "Created");
        if (created is { } c && c.Value > now + clockSkew)
        {
            throw new ShepException(ShepFaults.TransportSignatureStale, $"The wsu:Timestamp was created in the future ({c.Text}).");
        }
    }

    /// <summary>wsu:Created or wsu:Expires: absent is allowed, present but not an xs:dateTime is refused (SCE001).</summary>
    private static (DateTimeOffset Value, string Text)? TimestampField(XmlElement timestamp, string name)
    {
        var text = XmlNav.ChildText(timestamp, name, ShepNamespaces.Wsu)?.Trim();
        if (text is null)
        {
            return null;
        }

        return LocalClock.TryParse(text, out var value)
            ? (value, Shorten(text))
            : throw new ShepException(ShepFaults.BadFormat, $"wsu:{name} '{Shorten(text)}' is not an xs:dateTime.");
    }

    private X509Certificate2 ReadCertificate(XmlElement signature, XmlElement security)
    {
        var keyInfo = XmlNav.Child(signature, "KeyInfo", ShepNamespaces.XmlDsig)
            ?? throw new ShepException(ShepFaults.TransportSignatureInvalid, "ds:Signature has no ds:KeyInfo.");

        // A certificate KeyInfo carries must be readable even when another one is used: SignedXml refuses
        // such a KeyInfo, and both verification paths answer alike.
        foreach (var carried in XmlNav.Descendants(keyInfo, "X509Certificate", ShepNamespaces.XmlDsig))
        {
            if (!System.Buffers.Text.Base64.IsValid(carried.InnerText))
            {
                throw new ShepException(ShepFaults.TransportSignatureInvalid, "A ds:X509Certificate in KeyInfo is not valid base64.");
            }
        }

        var str = XmlNav.Child(keyInfo, "SecurityTokenReference", ShepNamespaces.Wsse);
        try
        {
            if (str is not null)
            {
                var keyIdentifier = XmlNav.Child(str, "KeyIdentifier", ShepNamespaces.Wsse);
                if (keyIdentifier is not null)
                {
                    return RsaKeys.Certificate(keyIdentifier.InnerText);
                }

                var tokenReference = XmlNav.Child(str, "Reference", ShepNamespaces.Wsse);
                if (tokenReference is not null)
                {
                    return FromBinaryToken(security, tokenReference.GetAttribute("URI"));
                }

                var x509Data = XmlNav.Child(str, "X509Data", ShepNamespaces.XmlDsig);
                if (x509Data is not null)
                {
                    return FromX509Data(x509Data);
                }
            }

            var direct = XmlNav.Child(keyInfo, "X509Data", ShepNamespaces.XmlDsig);
            if (direct is not null)
            {
                return FromX509Data(direct);
            }
        }
        catch (FormatException ex)
        {
            throw new ShepException(ShepFaults.TransportSignatureInvalid, "The certificate in KeyInfo is not valid base64.", inner: ex);
        }
        catch (CryptographicException ex)
        {
            throw new ShepException(ShepFaults.TransportSignatureInvalid, $"The certificate in KeyInfo cannot be read: {ex.Message}", inner: ex);
        }

        throw new ShepException(ShepFaults.TransportSignatureInvalid, "KeyInfo names no certificate (KeyIdentifier X509v3, Reference to a BinarySecurityToken or X509Data expected).");
    }

    private X509Certificate2 FromX509Data(XmlElement x509Data)
    {
        var certificate = XmlNav.Child(x509Data, "X509Certificate", ShepNamespaces.XmlDsig);
        if (certificate is not null)
        {
            return RsaKeys.Certificate(certificate.InnerText);
        }

        var issuerSerial = XmlNav.Child(x509Data, "X509IssuerSerial", ShepNamespaces.XmlDsig)
            ?? throw new ShepException(ShepFaults.TransportSignatureInvalid, "X509Data holds neither X509Certificate nor X509IssuerSerial.");
        var issuer = XmlNav.ChildText(issuerSerial, "X509IssuerName", ShepNamespaces.XmlDsig) ?? string.Empty;
        var serial = XmlNav.ChildText(issuerSerial, "X509SerialNumber", ShepNamespaces.XmlDsig) ?? string.Empty;
        return resolver.FindByIssuerSerial(issuer, serial)
            ?? throw new ShepException(ShepFaults.CertificateUntrusted, $"No registered certificate has issuer '{Shorten(issuer)}' and serial {Shorten(serial)}.");
    }

    private static X509Certificate2 FromBinaryToken(XmlElement security, string uri)
    {
        var id = uri.StartsWith('#') ? uri[1..] : uri;
        var token = XmlNav.Elements(security).FirstOrDefault(e =>
            e.LocalName == "BinarySecurityToken" && e.NamespaceURI == ShepNamespaces.Wsse && e.GetAttribute("Id", ShepNamespaces.Wsu) == id)
            ?? throw new ShepException(ShepFaults.TransportSignatureInvalid, $"No wsse:BinarySecurityToken with wsu:Id '{id}'.");
        return RsaKeys.Certificate(token.InnerText);
    }

    /// <summary>Client text quoted in a fault is cut, so a fault never echoes a megabyte back.</summary>
    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    /// <summary>
    /// The elements of the whole envelope that carry this id (wsu:Id, or an unqualified Id, id or ID attribute): more
    /// than one is a wrapping attempt. It walks every element of every message, so it allocates nothing per element.
    /// </summary>
    private static int CountIdHolders(XmlElement root, string id)
    {
        var count = 0;
        var stack = new Stack<XmlElement>();
        stack.Push(root);
        while (stack.TryPop(out var element))
        {
            if (HoldsId(element, id))
            {
                count++;
            }

            for (var node = element.FirstChild; node is not null; node = node.NextSibling)
            {
                if (node is XmlElement child)
                {
                    stack.Push(child);
                }
            }
        }

        return count;
    }

    private static bool HoldsId(XmlElement element, string id)
    {
        if (!element.HasAttributes)
        {
            return false;
        }

        var attributes = element.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            if (attribute.LocalName is not ("Id" or "id" or "ID") || attribute.Value != id)
            {
                continue;
            }

            if ((attribute.LocalName == "Id" && attribute.NamespaceURI == ShepNamespaces.Wsu) || (attribute.Prefix.Length == 0 && attribute.NamespaceURI.Length == 0))
            {
                return true;
            }
        }

        return false;
    }
}

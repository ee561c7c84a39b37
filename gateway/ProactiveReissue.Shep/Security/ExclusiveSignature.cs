using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;

namespace ProactiveReissue.Shep.Security;

/// <summary>
/// The WS-Security profile the bus uses — one Reference, exclusive C14N for both SignedInfo and the
/// Reference, RSA-SHA256, SHA-256 — signed and verified directly on the DOM with
/// <see cref="ExclusiveCanonicalizer"/>: one canonicalization per element, one RSA operation.
/// An InclusiveNamespaces PrefixList (WSS4J, CXF) stays on this path. Anything else outside the
/// profile (inclusive C14N) goes to SignedXml, which re-parses the element from its OuterXml and so
/// turns a carriage return in text into LF and a tab in an attribute into a space.
/// </summary>
internal static class ExclusiveSignature
{
    public static bool IsFastPath(XmlElement signature, XmlElement reference)
    {
        var signedInfo = XmlNav.Child(signature, "SignedInfo", ShepNamespaces.XmlDsig)!;
        var c14n = XmlNav.Child(signedInfo, "CanonicalizationMethod", ShepNamespaces.XmlDsig)!;
        if (c14n.GetAttribute("Algorithm") != SignatureAlgorithmSet.ExcC14N || PrefixList(c14n) is null
            || XmlNav.Child(signedInfo, "SignatureMethod", ShepNamespaces.XmlDsig)?.GetAttribute("Algorithm") != SignatureAlgorithmSet.RsaSha256
            || XmlNav.Child(reference, "DigestMethod", ShepNamespaces.XmlDsig)?.GetAttribute("Algorithm") != SignatureAlgorithmSet.Sha256)
        {
            return false;
        }

        var transform = SingleTransform(reference);
        return transform is not null && transform.GetAttribute("Algorithm") == SignatureAlgorithmSet.ExcC14N && PrefixList(transform) is not null;
    }

    private static XmlElement? SingleTransform(XmlElement reference)
    {
        var transforms = XmlNav.Child(reference, "Transforms", ShepNamespaces.XmlDsig);
        var list = transforms is null ? [] : XmlNav.Elements(transforms).ToList();
        return list.Count == 1 ? list[0] : null;
    }

    /// <summary>The InclusiveNamespaces PrefixList of an exc-c14n method (empty if none), or null if the method holds anything else.</summary>
    private static string[]? PrefixList(XmlElement method)
    {
        var children = XmlNav.Elements(method).ToList();
        if (children.Count == 0)
        {
            return XmlNav.HasSignificantText(method) ? null : [];
        }

        var inclusive = children[0];
        return children.Count == 1 && inclusive.LocalName == "InclusiveNamespaces" && inclusive.NamespaceURI == SignatureAlgorithmSet.ExcC14N && !inclusive.HasChildNodes
            ? inclusive.GetAttribute("PrefixList").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            : null;
    }

    public static bool Verify(XmlElement signature, XmlElement reference, XmlElement signed, X509Certificate2 certificate)
    {
        byte[] expectedDigest;
        byte[] signatureValue;
        try
        {
            expectedDigest = Convert.FromBase64String(XmlNav.ChildText(reference, "DigestValue", ShepNamespaces.XmlDsig)?.Trim() ?? string.Empty);
            signatureValue = Convert.FromBase64String(XmlNav.ChildText(signature, "SignatureValue", ShepNamespaces.XmlDsig)?.Trim() ?? string.Empty);
        }
        catch (FormatException ex)
        {
            throw new ShepException(ShepFaults.TransportSignatureInvalid, "DigestValue or SignatureValue is not valid base64.", inner: ex);
        }

        var digest = ExclusiveCanonicalizer.Sha256(signed, PrefixList(SingleTransform(reference)!)!);
        if (!CryptographicOperations.FixedTimeEquals(digest, expectedDigest))
        {
            return false;
        }

        var signedInfoElement = XmlNav.Child(signature, "SignedInfo", ShepNamespaces.XmlDsig)!;
        var c14n = XmlNav.Child(signedInfoElement, "CanonicalizationMethod", ShepNamespaces.XmlDsig)!;
        var key = RsaKeys.PublicKey(certificate);
        return key is not null && ExclusiveCanonicalizer.Use(signedInfoElement, PrefixList(c14n)!,
            signedInfo => key.VerifyData(signedInfo, signatureValue, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>Builds a ds:Signature over the element with the given id and returns it, signed.</summary>
    public static XmlElement Sign(XmlDocument document, XmlElement signed, string id, XmlElement keyInfoContent, XmlElement parent, SigningCredentials credentials)
    {
        var digest = ExclusiveCanonicalizer.Sha256(signed, []);
        return SignatureBuilder.Sign(parent, "ds", SignatureAlgorithmSet.ExcC14N, [], "#" + id, [SignatureAlgorithmSet.ExcC14N], digest, keyInfoContent, credentials);
    }
}

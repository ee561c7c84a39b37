using System.Security.Cryptography;
using System.Xml;

namespace ProactiveReissue.Shep.Security;

/// <summary>
/// Builds and signs a ds:Signature the way both of the bus's profiles need it: SignedInfo with one Reference,
/// RSA-SHA256 and SHA-256, the Signature appended to its parent first so SignedInfo is canonicalized in place.
/// </summary>
internal static class SignatureBuilder
{
    /// <param name="prefix">"ds" for the transport signature; empty for the business signature (default namespace).</param>
    /// <param name="signedInfoPrefixes">The InclusiveNamespaces prefixes SignedInfo is canonicalized with.</param>
    public static XmlElement Sign(
        XmlElement parent, string prefix, string canonicalization, IReadOnlyCollection<string> signedInfoPrefixes,
        string referenceUri, string[] transforms, byte[] digest, XmlElement keyInfoContent, SigningCredentials credentials)
    {
        var document = parent.OwnerDocument;
        XmlElement Ds(string name) => Element(document, prefix, name);
        XmlElement WithAlgorithm(string name, string algorithm)
        {
            var element = Ds(name);
            element.SetAttribute("Algorithm", algorithm);
            return element;
        }

        var signature = Ds("Signature");
        var signedInfo = Ds("SignedInfo");
        signature.AppendChild(signedInfo);
        signedInfo.AppendChild(WithAlgorithm("CanonicalizationMethod", canonicalization));
        signedInfo.AppendChild(WithAlgorithm("SignatureMethod", SignatureAlgorithmSet.RsaSha256));
        var reference = Ds("Reference");
        reference.SetAttribute("URI", referenceUri);
        signedInfo.AppendChild(reference);
        var transformList = Ds("Transforms");
        foreach (var transform in transforms)
        {
            transformList.AppendChild(WithAlgorithm("Transform", transform));
        }

        reference.AppendChild(transformList);
        reference.AppendChild(WithAlgorithm("DigestMethod", SignatureAlgorithmSet.Sha256));
        Append(reference, Ds("DigestValue")).InnerText = Convert.ToBase64String(digest);
        parent.AppendChild(signature);

        var key = credentials.ThreadKey;
        var value = ExclusiveCanonicalizer.Use(signedInfo, signedInfoPrefixes, canonical => key.SignData(canonical, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Append(signature, Ds("SignatureValue")).InnerText = Convert.ToBase64String(value);
        Append(signature, Ds("KeyInfo")).AppendChild(keyInfoContent);
        return signature;
    }

    /// <summary>Appends <paramref name="child"/> and returns it.</summary>
    public static XmlElement Append(XmlElement parent, XmlElement child)
    {
        parent.AppendChild(child);
        return child;
    }

    public static XmlElement Element(XmlDocument document, string prefix, string name) =>
        document.CreateElement(prefix, name, ShepNamespaces.XmlDsig);
}

using System.Xml;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;

namespace ProactiveReissue.Shep.Security;

/// <summary>
/// Reads ds:SignedInfo before any cryptography runs and refuses what the gateway will not verify:
/// unknown algorithms, more or fewer than one Reference, transforms outside the safe list.
/// </summary>
internal static class SignedInfoCheck
{
    public static XmlElement SingleReference(XmlElement signature, SignatureAlgorithmSet algorithms, ShepFault invalid)
    {
        var signedInfo = XmlNav.Child(signature, "SignedInfo", ShepNamespaces.XmlDsig)
            ?? throw new ShepException(invalid, "ds:Signature has no ds:SignedInfo.");
        var c14n = XmlNav.Child(signedInfo, "CanonicalizationMethod", ShepNamespaces.XmlDsig)?.GetAttribute("Algorithm");
        if (c14n is null || !SignatureAlgorithmSet.AllowedCanonicalization.Contains(c14n))
        {
            throw new ShepException(invalid, $"Canonicalization '{c14n ?? "(none)"}' is not accepted.");
        }

        var method = XmlNav.Child(signedInfo, "SignatureMethod", ShepNamespaces.XmlDsig)?.GetAttribute("Algorithm");
        if (!algorithms.IsSupportedSignature(method))
        {
            throw new ShepException(ShepFaults.UnsupportedAlgorithm, SignatureAlgorithmSet.Describe(method));
        }

        var references = XmlNav.Elements(signedInfo).Where(e => e.LocalName == "Reference" && e.NamespaceURI == ShepNamespaces.XmlDsig).ToList();
        if (references.Count != 1)
        {
            throw new ShepException(invalid, $"SignedInfo must hold exactly one Reference; it holds {references.Count}.");
        }

        var reference = references[0];
        var digest = XmlNav.Child(reference, "DigestMethod", ShepNamespaces.XmlDsig)?.GetAttribute("Algorithm");
        if (!algorithms.IsSupportedDigest(digest))
        {
            throw new ShepException(ShepFaults.UnsupportedAlgorithm, SignatureAlgorithmSet.Describe(digest));
        }

        var transforms = XmlNav.Child(reference, "Transforms", ShepNamespaces.XmlDsig);
        if (transforms is not null)
        {
            foreach (var transform in XmlNav.Elements(transforms))
            {
                var algorithm = transform.GetAttribute("Algorithm");
                if (!SignatureAlgorithmSet.AllowedTransforms.Contains(algorithm))
                {
                    throw new ShepException(invalid, $"Transform '{algorithm}' is not accepted.");
                }
            }
        }

        return reference;
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Shep.Security;

/// <summary>
/// The business-data signature: an enveloped ds:Signature as the last child of the payload root,
/// Reference URI="", transforms enveloped-signature then C14N, KeyInfo/X509Data/X509Certificate.
/// The payload is verified as its own document (as it was signed), whatever style carried it.
/// </summary>
public sealed class BusinessSignature(SignatureAlgorithmSet algorithms)
{
    /// <summary>Verifies the signature on the payload in a data element; null when absent and not required.</summary>
    public VerifiedSignature? Verify(XmlElement? data, bool required, XmlLimits limits)
    {
        var root = PayloadRoot(data, limits);
        var signature = root is null ? null : XmlNav.Elements(root).LastOrDefault();
        if (signature is null || signature.LocalName != "Signature" || signature.NamespaceURI != ShepNamespaces.XmlDsig)
        {
            if (root is not null && XmlNav.Descendants(root, "Signature", ShepNamespaces.XmlDsig).Any())
            {
                throw new ShepException(ShepFaults.DataSignatureInvalid, "The business-data ds:Signature must be the last child of the payload root.");
            }

            return required
                ? throw new ShepException(ShepFaults.DataSignatureMissing, "This service requires a business-data signature on the payload and none was found.")
                : null;
        }

        var reference = SignedInfoCheck.SingleReference(signature, algorithms, ShepFaults.DataSignatureInvalid);
        if (reference.GetAttribute("URI").Length != 0)
        {
            throw new ShepException(ShepFaults.DataSignatureInvalid, "The business-data signature must reference the whole payload (URI=\"\").");
        }

        var standalone = SafeXml.NewDocument();
        standalone.AppendChild(standalone.ImportNode(root!, deep: true));
        // The last element child, as checked above: the last child node may be whitespace or a comment.
        var standaloneSignature = XmlNav.Elements(standalone.DocumentElement!).Last();

        var certificateText = XmlNav.Descendants(standaloneSignature, "X509Certificate", ShepNamespaces.XmlDsig).FirstOrDefault()?.InnerText
            ?? throw new ShepException(ShepFaults.DataSignatureInvalid, "The business-data signature carries no X509Certificate in KeyInfo.");
        try
        {
            var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificateText.Trim()));
            var signedXml = new SignedXml(standalone);
            signedXml.LoadXml(standaloneSignature);
            using var key = certificate.GetRSAPublicKey();
            if (key is null || !signedXml.CheckSignature(key))
            {
                throw new ShepException(ShepFaults.DataSignatureInvalid, "The business-data signature does not match the payload or the signer's key.");
            }

            return new VerifiedSignature(certificate, root!);
        }
        catch (FormatException ex)
        {
            throw new ShepException(ShepFaults.DataSignatureInvalid, "The business-data certificate is not valid base64.", inner: ex);
        }
        catch (CryptographicException ex)
        {
            throw new ShepException(ShepFaults.DataSignatureInvalid, $"The business-data signature could not be checked: {ex.Message}", inner: ex);
        }
    }

    /// <summary>Signs a standalone payload document in place (for clients, adapters and tests).</summary>
    public static void Sign(XmlDocument payload, SigningCredentials credentials)
    {
        if (DirectBusinessSignature.TrySign(payload, credentials))
        {
            return;
        }

        var signedXml = new SignedXml(payload) { SigningKey = credentials.ThreadKey };
        signedXml.SignedInfo!.CanonicalizationMethod = SignatureAlgorithmSet.C14N;
        signedXml.SignedInfo.SignatureMethod = SignatureAlgorithmSet.RsaSha256;
        var reference = new Reference(string.Empty) { DigestMethod = SignatureAlgorithmSet.Sha256 };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigC14NWithCommentsTransform());
        signedXml.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(credentials.Certificate));
        signedXml.KeyInfo = keyInfo;
        signedXml.ComputeSignature();
        payload.DocumentElement!.AppendChild(payload.ImportNode(signedXml.GetXml(), deep: true));
    }

    /// <summary>The payload root: the element under data, or the XML carried as escaped text or CDATA.</summary>
    public static XmlElement? PayloadRoot(XmlElement? data, XmlLimits limits)
    {
        if (data is null)
        {
            return null;
        }

        var element = XmlNav.Elements(data).FirstOrDefault();
        if (element is not null)
        {
            return element;
        }

        var text = data.InnerText.Trim();
        return text.StartsWith('<') ? SafeXml.LoadString(text, limits).DocumentElement : null;
    }
}

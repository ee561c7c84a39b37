using System.Security.Cryptography;

namespace ProactiveReissue.Shep.Security;

/// <summary>
/// The algorithms the gateway verifies. RSA-SHA256 is built in; another algorithm (a GOST provider,
/// say) is added with <see cref="Register"/>. Anything not registered is refused with SCE008,
/// never skipped: GOST URIs are known by name only so the fault can say what was sent.
/// </summary>
public sealed class SignatureAlgorithmSet
{
    public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public const string ExcC14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public const string C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    public const string C14NWithComments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
    public const string Enveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
    public const string Gost34310 = "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311";
    public const string Gost34311 = "http://www.w3.org/2001/04/xmldsig-more#gost34311";
    public const string Gost2015 = "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512";
    public const string Gost2015Digest = "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512";

    private static readonly Dictionary<string, string> KnownUnsupported = new(StringComparer.Ordinal)
    {
        [Gost34310] = "GOST 34.310-2004",
        [Gost34311] = "GOST 34.311-95 digest",
        [Gost2015] = "GOST R 34.10-2015 (512)",
        [Gost2015Digest] = "GOST R 34.11-2015 (512) digest",
    };

    private readonly HashSet<string> _signatureMethods = new(StringComparer.Ordinal) { RsaSha256 };
    private readonly HashSet<string> _digestMethods = new(StringComparer.Ordinal) { Sha256 };

    public static SignatureAlgorithmSet Default { get; } = new();

    /// <summary>Transforms a Reference may list. XSLT and XPath are never on it.</summary>
    public static IReadOnlySet<string> AllowedTransforms { get; } = new HashSet<string>(StringComparer.Ordinal) { ExcC14N, C14N, C14NWithComments, Enveloped };

    public static IReadOnlySet<string> AllowedCanonicalization { get; } = new HashSet<string>(StringComparer.Ordinal) { ExcC14N, C14N, C14NWithComments };

    /// <summary>Adds an algorithm pair whose <see cref="SignatureDescription"/> is known to .NET's CryptoConfig.</summary>
    public void Register(string signatureMethod, string digestMethod, Type? signatureDescription = null)
    {
        if (signatureDescription is not null)
        {
            CryptoConfig.AddAlgorithm(signatureDescription, signatureMethod);
        }

        _signatureMethods.Add(signatureMethod);
        _digestMethods.Add(digestMethod);
    }

    public bool IsSupportedSignature(string? uri) => uri is not null && _signatureMethods.Contains(uri);

    public bool IsSupportedDigest(string? uri) => uri is not null && _digestMethods.Contains(uri);

    /// <summary>A sentence for the fault: which algorithm was sent and why it is refused.</summary>
    public static string Describe(string? uri) =>
        uri is not null && KnownUnsupported.TryGetValue(uri, out var name)
            ? $"{name} ({uri}) cannot be verified by this gateway: no GOST provider is configured, so the signature is refused."
            : $"Algorithm '{uri ?? "(none)"}' is not among the algorithms this gateway verifies.";
}

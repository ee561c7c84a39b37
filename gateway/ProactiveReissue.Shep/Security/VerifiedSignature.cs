using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace ProactiveReissue.Shep.Security;

/// <summary>The outcome of a signature check: who signed, and the very element that was signed.</summary>
public sealed record VerifiedSignature(X509Certificate2 Certificate, XmlElement SignedElement);

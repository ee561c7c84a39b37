namespace ProactiveReissue.Shep.Security;

/// <summary>The two KeyInfo forms real clients send (plus a BinarySecurityToken reference).</summary>
public enum KeyInfoStyle
{
    /// <summary>SecurityTokenReference/KeyIdentifier, ValueType X509v3, the whole base64 certificate.</summary>
    KeyIdentifier,

    /// <summary>SecurityTokenReference/X509Data/X509IssuerSerial: the receiver must already know the certificate.</summary>
    IssuerSerial,

    /// <summary>wsse:BinarySecurityToken in the header, referenced from SecurityTokenReference/Reference.</summary>
    BinarySecurityToken,
}

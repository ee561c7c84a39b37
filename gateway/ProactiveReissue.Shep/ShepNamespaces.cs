namespace ProactiveReissue.Shep;

/// <summary>XML namespaces of the bus as integrators see them on the wire (contract page).</summary>
public static class ShepNamespaces
{
    public const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string SyncTypes = "http://bip.bee.kz/SyncChannel/v10/Types";
    public const string SyncInterfaces = "http://bip.bee.kz/SyncChannel/v10/Interfaces";
    public const string CommonTypes = "http://bip.bee.kz/common/v10/Types";
    public const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string Wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string Xsd = "http://www.w3.org/2001/XMLSchema";
    public const string X509TokenProfile = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
    public const string Base64Binary = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
}

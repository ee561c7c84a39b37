using System.Xml;

namespace ProactiveReissue.Shep.Envelope;

/// <summary>A parsed SendMessageResponse: responseInfo and the responseData/data element.</summary>
public sealed record SyncResponse(SoapMessage? Soap, ResponseInfo Info, XmlElement? Data);

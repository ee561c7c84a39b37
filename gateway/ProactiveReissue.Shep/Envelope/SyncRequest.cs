using System.Xml;

namespace ProactiveReissue.Shep.Envelope;

/// <summary>A parsed SendMessage: its envelope, requestInfo and the requestData/data element (payload untouched).</summary>
public sealed record SyncRequest(SoapMessage Soap, RequestInfo Info, XmlElement? Data);

using System.Xml;

namespace ProactiveReissue.Shep.Envelope;

/// <summary>A parsed SOAP 1.1 envelope: the DOM and its Header, Body and single operation element.</summary>
public sealed record SoapMessage(XmlDocument Document, XmlElement? Header, XmlElement Body, XmlElement Operation);

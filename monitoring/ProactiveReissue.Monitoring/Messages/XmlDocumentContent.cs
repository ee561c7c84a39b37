namespace ProactiveReissue.Monitoring.Messages;

/// <summary>
/// A document as one XML element, carried inline; hashed over its exclusive canonical form. What the reader returns
/// is that canonical form, so it stands alone whatever namespaces the message declared around it.
/// </summary>
public sealed record XmlDocumentContent(string Xml) : DocumentContent;

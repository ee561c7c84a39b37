namespace ProactiveReissue.Monitoring.Messages;

/// <summary>The payload of a <see cref="DocumentData"/>: <see cref="BinaryDocumentContent"/> or <see cref="XmlDocumentContent"/>.</summary>
public abstract record DocumentContent;

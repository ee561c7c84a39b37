namespace ProactiveReissue.Monitoring.Messages;

/// <summary>A document as bytes (a PDF, a signed CMS…), carried as base64; hashed over the bytes.</summary>
public sealed record BinaryDocumentContent(byte[] Bytes, string MediaType) : DocumentContent;

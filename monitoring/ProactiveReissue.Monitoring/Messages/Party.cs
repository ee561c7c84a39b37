namespace ProactiveReissue.Monitoring.Messages;

/// <summary>A legal entity on the wire: the provider of a service or the issuer of a document.</summary>
/// <param name="Bin">Business identification number, 12 digits with a valid check digit.</param>
/// <param name="Name">Its name, as the data owner writes it.</param>
public sealed record Party(string Bin, string Name);

namespace ProactiveReissue.Shep.Envelope;

/// <summary>requestInfo/sender: senderId and the optional password.</summary>
public sealed record Sender(string SenderId, string? Password);

namespace ProactiveReissue.Monitoring.Messages;

/// <summary>One named field of an application's data (the form fields of a service).</summary>
public sealed record ApplicationParameter(string Name, string Value);

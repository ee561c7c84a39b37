namespace ProactiveReissue.Monitoring.Messages;

/// <summary>The id of a request made to another system while processing the application (usually its bus messageId).</summary>
public sealed record ExternalRequest(ExternalSystem System, string RequestId);

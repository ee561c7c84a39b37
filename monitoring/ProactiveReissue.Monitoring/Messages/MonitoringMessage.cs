namespace ProactiveReissue.Monitoring.Messages;

/// <summary>
/// A message of the monitoring interaction (rules §5): <see cref="ApplicationStatus"/>, <see cref="DocumentData"/>,
/// <see cref="ApplicationRequest"/> or <see cref="ApplicationResult"/>. Every kind names its application: that number
/// is also the ordering key of the durable outbound queue.
/// </summary>
public abstract record MonitoringMessage(string ApplicationNumber);

namespace ProactiveReissue.Monitoring.Messages;

/// <summary>An individual acting for the applicant (the first head of the company in the proactive reissue).</summary>
public sealed record Person(string Iin, string LastName, string FirstName, string? MiddleName = null);

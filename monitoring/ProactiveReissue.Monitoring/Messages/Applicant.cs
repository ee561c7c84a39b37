namespace ProactiveReissue.Monitoring.Messages;

/// <summary>
/// The service recipient of an application: the company (BIN, current name, and the name before the change for a
/// reissue) and the person who represents it.
/// </summary>
public sealed record Applicant(string Bin, string Name)
{
    public string? PreviousName { get; init; }

    public Person? Representative { get; init; }
}

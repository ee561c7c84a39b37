using System.Security.Cryptography.X509Certificates;

namespace ProactiveReissue.Gateway.Participants;

/// <summary>A registered participant of the bus.</summary>
public sealed record Participant(
    string SenderId,
    string PasswordHash,
    string? Iin,
    string? Bin,
    IReadOnlySet<string> Services,
    X509Certificate2? Certificate,
    Uri? PushUrl);

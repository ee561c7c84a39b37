using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Identity;
using ProactiveReissue.Shep.Security;

namespace ProactiveReissue.Gateway.Participants;

/// <summary>
/// Participants and their access: senderId + password (only a salted hash is stored), the services
/// each may call, and the IIN/BIN their signing certificate must carry.
/// A password that passed PBKDF2 once is remembered as a salted SHA-256 so the hot path does not
/// pay 100,000 iterations per message.
/// </summary>
public sealed class ParticipantRegistry : ICertificateResolver
{
    private readonly Dictionary<string, Participant> _participants;
    private readonly ConcurrentDictionary<string, byte[]> _verified = new(StringComparer.Ordinal);
    private readonly byte[] _pepper = RandomNumberGenerator.GetBytes(32);
    private readonly CertificateCollectionResolver _certificates;

    public ParticipantRegistry(IEnumerable<ParticipantOptions> options)
    {
        _participants = new Dictionary<string, Participant>(StringComparer.Ordinal);
        foreach (var (o, index) in options.Select((o, i) => (o, i)))
        {
            var setting = $"Gateway:Participants:{index}";
            if (string.IsNullOrWhiteSpace(o.SenderId) || string.IsNullOrWhiteSpace(o.PasswordHash))
            {
                throw new InvalidOperationException($"Setting {setting}: SenderId and PasswordHash are required.");
            }

            if (o.Iin is not null && !IinBin.IsValid(o.Iin))
            {
                throw new InvalidOperationException($"Setting {setting}:Iin '{o.Iin}' is not a valid IIN (12 digits with a correct check digit).");
            }

            if (o.Bin is not null && !IinBin.IsValid(o.Bin))
            {
                throw new InvalidOperationException($"Setting {setting}:Bin '{o.Bin}' is not a valid BIN (12 digits with a correct check digit).");
            }

            var certificate = o.CertificatePath is null ? null : PemFiles.LoadCertificate(o.CertificatePath, $"{setting}:CertificatePath");
            Uri? push = null;
            if (o.PushUrl is not null && !Uri.TryCreate(o.PushUrl, UriKind.Absolute, out push))
            {
                throw new InvalidOperationException($"Setting {setting}:PushUrl '{o.PushUrl}' is not an absolute URL.");
            }

            if (!_participants.TryAdd(o.SenderId, new Participant(o.SenderId, o.PasswordHash, o.Iin, o.Bin, o.Services.ToHashSet(StringComparer.Ordinal), certificate, push)))
            {
                throw new InvalidOperationException($"Setting {setting}: senderId '{o.SenderId}' is registered twice.");
            }
        }

        _certificates = new CertificateCollectionResolver(_participants.Values.Where(p => p.Certificate is not null).Select(p => p.Certificate!));
    }

    public int Count => _participants.Count;

    public Participant? Find(string senderId) => _participants.GetValueOrDefault(senderId);

    public IEnumerable<Participant> All => _participants.Values;

    /// <summary>Finds the sender and checks its password: SCE020 unknown, SCE021 wrong password.</summary>
    public Participant Authenticate(string senderId, string? password)
    {
        if (!_participants.TryGetValue(senderId, out var participant))
        {
            throw new ShepException(ShepFaults.UnknownSender, $"Sender '{senderId}' is not registered on this bus.");
        }

        if (password is null || !PasswordMatches(participant, password))
        {
            throw new ShepException(ShepFaults.WrongPassword, $"The password given for sender '{senderId}' is wrong or missing.");
        }

        return participant;
    }

    /// <summary>SCE022 when the participant may not call the service.</summary>
    public static void Authorize(Participant participant, string serviceId)
    {
        if (!participant.Services.Contains(serviceId) && !participant.Services.Contains("*"))
        {
            throw new ShepException(ShepFaults.ServiceNotAllowed, $"Sender '{participant.SenderId}' is not allowed to call service '{serviceId}'.");
        }
    }

    /// <summary>SCE014 unless the certificate's IIN/BIN equal the participant's (e-service regulation §6.7).</summary>
    public static void CheckSubject(Participant participant, X509Certificate2 certificate)
    {
        var subject = SubjectIdentity.From(certificate);
        if (participant.Bin is not null && subject.Bin != participant.Bin)
        {
            throw new ShepException(ShepFaults.CertificateSubjectMismatch, $"The signer's certificate carries BIN '{subject.Bin ?? "none"}', but sender '{participant.SenderId}' is registered with BIN {participant.Bin}.");
        }

        if (participant.Iin is not null && subject.Iin != participant.Iin)
        {
            throw new ShepException(ShepFaults.CertificateSubjectMismatch, $"The signer's certificate carries IIN '{subject.Iin ?? "none"}', but sender '{participant.SenderId}' is registered with IIN {participant.Iin}.");
        }
    }

    public X509Certificate2? FindByIssuerSerial(string issuerName, string serialNumber) =>
        _certificates.FindByIssuerSerial(issuerName, serialNumber);

    private bool PasswordMatches(Participant participant, string password)
    {
        var quick = SHA256.HashData(Encoding.UTF8.GetBytes(participant.SenderId + "\0" + password).Concat(_pepper).ToArray());
        if (_verified.TryGetValue(participant.SenderId, out var known))
        {
            return CryptographicOperations.FixedTimeEquals(known, quick);
        }

        bool ok;
        try
        {
            ok = PasswordHasher.Verify(password, participant.PasswordHash);
        }
        catch (FormatException ex)
        {
            throw new ShepException(ShepFaults.Internal, $"The stored password hash of '{participant.SenderId}' is malformed.", inner: ex);
        }

        if (ok)
        {
            _verified[participant.SenderId] = quick;
        }

        return ok;
    }
}

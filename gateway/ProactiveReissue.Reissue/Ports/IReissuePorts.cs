namespace ProactiveReissue.Reissue.Ports;

/// <summary>
/// What the coordinator needs from the state systems. The adapters (adapters/) implement these; the
/// coordinator knows nothing of SOAP, WireMock or retries. Every write carries an idempotency key
/// derived from the case, so a retry or a restart never issues two documents or two SMS.
/// </summary>
public interface IReissuePorts
{
    /// <summary>Companies whose name changed since the date (the GBD UL feed).</summary>
    Task<PortResult<IReadOnlyList<NameChangeNotice>>> FetchNameChangesAsync(DateOnly since, CancellationToken cancellationToken);

    /// <summary>
    /// The company's permits of any of <paramref name="permitTypes"/> (e-license). The coordinator asks once per company
    /// with every profile's types and keeps each service's own (<see cref="SharedReads"/>).
    /// </summary>
    Task<PortResult<IReadOnlyList<Permit>>> FindPermitsAsync(string bin, IReadOnlyList<string> permitTypes, CancellationToken cancellationToken);

    Task<PortResult<Company>> GetCompanyAsync(string bin, CancellationToken cancellationToken);

    Task<PortResult<Exclusion>> CheckPersonAsync(string iin, CancellationToken cancellationToken);

    Task<PortResult<Consent>> CheckConsentAsync(string iin, CancellationToken cancellationToken);

    /// <summary>The registered mobile number (BMG); Missing when the person has none.</summary>
    Task<PortResult<string>> FindMobileAsync(string iin, CancellationToken cancellationToken);

    Task<PortResult<string>> SendSmsAsync(string phone, string text, string idempotencyKey, CancellationToken cancellationToken);

    Task<PortResult<string>> ReissuePermitAsync(Permit permit, string newName, string idempotencyKey, CancellationToken cancellationToken);

    Task<PortResult<bool>> WriteToSduAsync(string caseId, string bin, string headIin, string newName, IReadOnlyList<string> documents, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>A state change of a case for the monitoring system (through the durable queue).</summary>
    Task PublishStatusAsync(string applicationNumber, string serviceCode, string status, CancellationToken cancellationToken);
}

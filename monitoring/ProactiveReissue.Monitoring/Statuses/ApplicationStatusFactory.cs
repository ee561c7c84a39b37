using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Monitoring.Statuses;

/// <summary>
/// Builds the <see cref="ApplicationStatus"/> messages of one service and provider: the texts and the processing
/// status come from <see cref="MonitoringStatusCatalogue"/>, the time from <see cref="TimeProvider"/> in local time
/// (rules §10).
/// </summary>
public sealed class ApplicationStatusFactory
{
    private readonly string _serviceCode;
    private readonly Party _provider;
    private readonly TimeProvider _time;

    public ApplicationStatusFactory(string serviceCode, Party provider, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceCode);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(time);
        _serviceCode = serviceCode;
        _provider = provider;
        _time = time;
    }

    /// <summary>The status <paramref name="code"/> of application <paramref name="applicationNumber"/>, stamped now.</summary>
    public ApplicationStatus Create(
        string applicationNumber,
        MonitoringStatusCode code,
        MonitoringStatusCode? reasonCode = null,
        string? comment = null,
        IReadOnlyList<ExternalRequest>? externalRequests = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationNumber);
        var entry = MonitoringStatusCatalogue.Get(code);
        if (reasonCode is not null)
        {
            _ = MonitoringStatusCatalogue.Get(reasonCode.Value);
        }

        return new ApplicationStatus(
            applicationNumber,
            _serviceCode,
            _provider,
            code,
            entry.ProcessingStatus,
            entry.TextRu,
            entry.TextKk,
            LocalClock.Now(_time))
        {
            ReasonCode = reasonCode,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment,
            ExternalRequests = externalRequests ?? [],
        };
    }
}

using Microsoft.Extensions.Options;
using ProactiveReissue.Gateway.Monitoring;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Monitoring.Statuses;

namespace ProactiveReissue.Gateway.Reissue;

/// <summary>
/// Case state changes as monitoring statuses (catalogue codes like CASE_OPENED), through the durable
/// queue keyed by application (= case) number. Without a monitoring recipient configured, nothing is sent.
/// </summary>
public sealed class ReissueStatusPublisher(MonitoringPublisher publisher, IOptions<GatewayOptions> options, ReissueOptions reissue, TimeProvider time)
{
    public async Task PublishAsync(string applicationNumber, string serviceCode, string status, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Monitoring.Recipient))
        {
            return;
        }

        var code = Enum.Parse<MonitoringStatusCode>(status.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);
        var factory = new ApplicationStatusFactory(serviceCode, new Party(reissue.ProviderBin, reissue.ProviderName), time);
        await publisher.PublishAsync(factory.Create(applicationNumber, code), cancellationToken).ConfigureAwait(false);
    }
}

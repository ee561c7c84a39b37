using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Gateway.Observability;

/// <summary>/health/live (the process answers), /health/ready (store reachable, certificates usable), /metrics.</summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.MapGet("/health/ready", async (IMessageJournal journal, ProactiveReissue.Queue.IQueueStore queue, Microsoft.Extensions.Options.IOptions<Options.GatewayOptions> options, WsSecuritySigner signer, CertificateValidator validator, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var checks = new Dictionary<string, string>();
            try
            {
                await journal.PingAsync(cancellationToken).ConfigureAwait(false);
                checks["store"] = "ok";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                checks["store"] = "unreachable: " + ex.Message;
            }

            try
            {
                var backlog = await queue.BacklogAsync(cancellationToken).ConfigureAwait(false);
                var limit = options.Value.Queue.MaxBacklog;
                checks["queue"] = backlog < limit ? $"ok ({backlog} undelivered of at most {limit})" : $"full ({backlog} undelivered, limit {limit}): async messages are refused with SCE040";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                checks["queue"] = "unreachable: " + ex.Message;
            }

            var now = time.GetUtcNow();
            var certificate = signer.Credentials.Certificate;
            checks["signingCertificate"] = now >= certificate.NotBefore.ToUniversalTime() && now <= certificate.NotAfter.ToUniversalTime()
                ? $"ok until {LocalClock.Format(certificate.NotAfter)}"
                : $"outside its validity period ({LocalClock.Format(certificate.NotBefore)} – {LocalClock.Format(certificate.NotAfter)})";
            checks["trustedRoots"] = validator.Trust.Roots.Count > 0 ? $"ok ({validator.Trust.Roots.Count})" : "none configured";
            var ready = checks.Values.All(v => v.StartsWith("ok", StringComparison.Ordinal));
            return Results.Json(new { status = ready ? "ready" : "not ready", checks }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/metrics", async (GatewayMetrics metrics, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var backlog = await StorageMetrics.BacklogAsync(services, cancellationToken).ConfigureAwait(false);
            return Results.Text(metrics.Render(text => StorageMetrics.Render(text, services, backlog)), "text/plain; version=0.0.4; charset=utf-8");
        });
    }
}

using Microsoft.Extensions.Options;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Reissue.Cases;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Gateway.Admin;

/// <summary>Operators' view of the reissue process: the funnel, cases by state, one case with its history.</summary>
public static class ReissueAdminEndpoints
{
    public static void MapReissueAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/reissue/funnel", async (HttpContext context, IServiceProvider services, IOptions<GatewayOptions> options) =>
        {
            if (AdminEndpoints.Denied(context, options.Value.Admin) is { } denied)
            {
                return denied;
            }

            var store = services.GetService<ICaseStore>();
            if (store is null)
            {
                return NotEnabled();
            }

            var counts = await store.CountsAsync(context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(Enum.GetValues<CaseState>().ToDictionary(s => s.ToString(), s => counts.GetValueOrDefault(s)));
        });
        app.MapGet("/admin/reissue/dry-run", async (HttpContext context, IServiceProvider services, IOptions<GatewayOptions> options, DateOnly? since) =>
        {
            if (AdminEndpoints.Denied(context, options.Value.Admin) is { } denied)
            {
                return denied;
            }

            var coordinator = services.GetService<ProactiveReissue.Reissue.Coordinator.ReissueCoordinator>();
            if (coordinator is null)
            {
                return NotEnabled();
            }

            var from = since ?? DateOnly.FromDateTime(LocalClock.Now(services.GetRequiredService<TimeProvider>()).DateTime).AddDays(-7);
            return Results.Ok(await coordinator.DryRunAsync(from, context.RequestAborted).ConfigureAwait(false));
        });
        app.MapGet("/admin/reissue/cases", async (HttpContext context, IServiceProvider services, IOptions<GatewayOptions> options, string? state, int? max) =>
        {
            if (AdminEndpoints.Denied(context, options.Value.Admin) is { } denied)
            {
                return denied;
            }

            var store = services.GetService<ICaseStore>();
            if (store is null)
            {
                return NotEnabled();
            }

            if (!Enum.TryParse<CaseState>(state, ignoreCase: true, out var wanted))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown state", detail: $"state must be one of {string.Join(", ", Enum.GetNames<CaseState>())}.");
            }

            var cases = await store.ByStateAsync(wanted, Math.Clamp(max ?? 100, 1, 10_000), context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(cases.Select(View));
        });
        app.MapGet("/admin/reissue/cases/{caseId}", async (HttpContext context, IServiceProvider services, IOptions<GatewayOptions> options, string caseId) =>
        {
            if (AdminEndpoints.Denied(context, options.Value.Admin) is { } denied)
            {
                return denied;
            }

            var store = services.GetService<ICaseStore>();
            if (store is null)
            {
                return NotEnabled();
            }

            var found = await store.GetAsync(caseId, context.RequestAborted).ConfigureAwait(false);
            if (found is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such case", detail: $"There is no case '{caseId}'.");
            }

            var history = await store.HistoryAsync(caseId, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new { @case = View(found), history = history.Select(h => new { at = LocalClock.Format(h.At), h.Step, h.Input, h.Outcome }) });
        });
    }

    private static object View(ReissueCase c) => new
    {
        c.CaseId, c.ServiceCode, c.Bin, c.NoticeId, state = c.State.ToString(), dueAt = LocalClock.Format(c.DueAt), updatedAt = LocalClock.Format(c.UpdatedAt),
        c.NewName, c.SmsCount, c.Outcome,
    };

    private static IResult NotEnabled() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "The reissue process is not enabled", detail: "Set Gateway:Reissue:Enabled and configure the adapters.");
}

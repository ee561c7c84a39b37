using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Gateway.Options;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Gateway.Admin;

/// <summary>Operator endpoints: look a message up in the journal by messageId, correlationId or sessionId.</summary>
public static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/messages", async (HttpContext context, IMessageJournal journal, IOptions<GatewayOptions> options, string? messageId, string? correlationId, string? sessionId) =>
        {
            if (!Authorized(context, options.Value.Admin))
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key missing or wrong", detail: "Send the X-Admin-Key header with the value of Gateway:Admin:ApiKey.");
            }

            if (messageId is null && correlationId is null && sessionId is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No key given", detail: "Give messageId, correlationId or sessionId.");
            }

            var entries = await journal.FindAsync(messageId, correlationId, sessionId, 1000, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(entries.Select(e => new
            {
                e.Direction, e.Hop, e.Channel, e.MessageId, e.CorrelationId, e.SessionId, e.ServiceId, e.Sender, e.Peer,
                At = LocalClock.Format(e.At), e.Outcome, e.FaultCode, e.Size, e.BodySha256,
            }));
        });
    }

    /// <summary>The outbound queue: backlog, dead letters, and replay of one dead letter.</summary>
    public static void MapQueueAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/queue", async (HttpContext context, ProactiveReissue.Queue.IQueueStore queue, IOptions<GatewayOptions> options) =>
            !Authorized(context, options.Value.Admin) ? Unauthorized() : Results.Ok(new { backlog = await queue.BacklogAsync(context.RequestAborted).ConfigureAwait(false), limit = options.Value.Queue.MaxBacklog }))
            .AddEndpointFilter(StoreUnavailableAsProblem);
        app.MapGet("/admin/queue/dead-letters", async (HttpContext context, ProactiveReissue.Queue.IQueueStore queue, IOptions<GatewayOptions> options, int? max) =>
        {
            if (!Authorized(context, options.Value.Admin))
            {
                return Unauthorized();
            }

            var dead = await queue.DeadLettersAsync(Math.Clamp(max ?? 100, 1, 10_000), context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(dead.Select(d => new { d.Sequence, d.MessageId, d.Destination, d.OrderingKey, EnqueuedAt = LocalClock.Format(d.EnqueuedAt), d.Attempts, d.Reason }));
        }).AddEndpointFilter(StoreUnavailableAsProblem);
        app.MapGet("/admin/queue/messages/{sequence:long}", async (HttpContext context, ProactiveReissue.Queue.IQueueStore queue, IOptions<GatewayOptions> options, long sequence) =>
        {
            if (!Authorized(context, options.Value.Admin))
            {
                return Unauthorized();
            }

            var found = await queue.GetAsync(sequence, context.RequestAborted).ConfigureAwait(false);
            return found is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such message", detail: $"The queue holds no message {sequence}.")
                : Results.Ok(new
                {
                    found.Sequence, found.Message.MessageId, found.Message.Destination, found.Message.OrderingKey, found.Message.ContentType,
                    EnqueuedAt = LocalClock.Format(found.EnqueuedAt), found.Attempts, found.LastError,
                    Payload = System.Text.Encoding.UTF8.GetString(found.Message.Payload.Span),
                });
        }).AddEndpointFilter(StoreUnavailableAsProblem);
        app.MapPost("/admin/queue/dead-letters/{sequence:long}/replay", async (HttpContext context, ProactiveReissue.Queue.IQueueStore queue, IOptions<GatewayOptions> options, long sequence) =>
            !Authorized(context, options.Value.Admin) ? Unauthorized()
            : await queue.ReplayAsync(sequence, context.RequestAborted).ConfigureAwait(false) ? Results.Ok(new { replayed = sequence })
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such dead letter", detail: $"There is no dead letter {sequence}."))
            .AddEndpointFilter(StoreUnavailableAsProblem);
    }

    /// <summary>
    /// The queue's store down (Redis unreachable, a failed sync of the SQLite files): a 503 problem that says why,
    /// rather than an empty 500.
    /// </summary>
    private static async ValueTask<object?> StoreUnavailableAsProblem(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (ProactiveReissue.Queue.QueueUnavailableException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Queue store unavailable", detail: ex.Message);
        }
    }

    /// <summary>The 401 problem when the admin key is set and missing or wrong; null when the call may go on.</summary>
    public static IResult? Denied(HttpContext context, AdminOptions admin) => Authorized(context, admin) ? null : Unauthorized();

    private static IResult Unauthorized() =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key missing or wrong", detail: "Send the X-Admin-Key header with the value of Gateway:Admin:ApiKey.");

    private static bool Authorized(HttpContext context, AdminOptions admin)
    {
        if (string.IsNullOrEmpty(admin.ApiKey))
        {
            return true;
        }

        var given = context.Request.Headers["X-Admin-Key"].ToString();
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(admin.ApiKey)));
    }
}

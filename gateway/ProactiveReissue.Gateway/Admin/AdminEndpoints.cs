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

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// A receiver that reads the body and answers 200 at once, counting requests and (optionally)
/// distinct X-Message-Id values, so a drain can be checked for completeness.
/// </summary>
public sealed class DrainReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);
    private long _requests;

    private DrainReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    /// <summary>Off for the million-message run, where the parent's memory does not matter but its speed does.</summary>
    public bool TrackIds { get; set; } = true;

    public long Requests => Interlocked.Read(ref _requests);

    public int DistinctIds => _ids.Count;

    public static async Task<DrainReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1 << 20);
        var app = builder.Build();
        var receiver = new DrainReceiver(app);
        app.MapPost("/receive", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            if (receiver.TrackIds && context.Request.Headers.TryGetValue("X-Message-Id", out var id))
            {
                receiver._ids.TryAdd(id.ToString(), 0);
            }

            Interlocked.Increment(ref receiver._requests);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentLength = 0;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/receive";
        return receiver;
    }

    public void Reset()
    {
        _ids.Clear();
        Interlocked.Exchange(ref _requests, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

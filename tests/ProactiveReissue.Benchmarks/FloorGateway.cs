using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// The floor of the synchronous bus on this stack, for <c>sync-floor</c>: a process that does only what no
/// implementation of the contract can skip, on the same Kestrel and the same <see cref="HttpClient"/> the
/// gateway uses. Per exchange: read the client's bytes, SHA-256 them and verify one RSA-2048 signature
/// (the client's), sign once (the forwarded request), POST the bytes to the provider, SHA-256 its answer
/// and verify one signature (the provider's), sign once more (the answer), and return the provider's bytes.
/// No XML at all, no journal, no logging, no access checks. Whatever a real gateway adds is above this line;
/// the round trips it reaches, beside the raw RSA rate of the same run, say what ratio is possible here.
/// </summary>
public static class FloorGateway
{
    public const string Mode = "floor-gateway";

    public static async Task<int> RunAsync(string[] args)
    {
        var urls = args[Array.IndexOf(args, "--urls") + 1];
        using var settings = JsonDocument.Parse(File.ReadAllBytes(args[Array.IndexOf(args, "--settings") + 1]));
        var providerUrl = new Uri(settings.RootElement.GetProperty("Gateway").GetProperty("Services")[0].GetProperty("ProviderUrl").GetString()!);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        await using var app = builder.Build();

        using var key = RSA.Create(2048);
        using var peer = RSA.Create(2048);
        var peerHash = SHA256.HashData("peer"u8);
        var peerSignature = peer.SignHash(peerHash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = int.MaxValue,
        });

        app.MapGet("/health/ready", () => "ready");
        app.MapPost("/bip-sync-wss-gost/", async context =>
        {
            var body = new byte[context.Request.ContentLength ?? 0];
            await context.Request.Body.ReadExactlyAsync(body, context.RequestAborted);
            Crypto(body);

            using var request = new HttpRequestMessage(HttpMethod.Post, providerUrl) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, context.RequestAborted);
            var answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            Crypto(answer);

            context.Response.StatusCode = (int)HttpStatusCode.OK;
            context.Response.ContentType = "text/xml; charset=utf-8";
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer, context.RequestAborted);
        });

        await app.RunAsync();
        return 0;

        // One verification of a peer's signature, one signature of our own, over the hash of the bytes.
        void Crypto(byte[] bytes)
        {
            var hash = SHA256.HashData(bytes);
            if (!peer.VerifyHash(peerHash, peerSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                throw new CryptographicException("The floor's own signature did not verify.");
            }

            key.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }
}

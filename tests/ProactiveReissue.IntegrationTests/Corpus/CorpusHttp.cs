using System.Net;
using System.Xml;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep.Faults;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ProactiveReissue.IntegrationTests.Corpus;

/// <summary>Posts corpus bytes to the gateway (with a Content-Length, or chunked) and reads the answer.</summary>
public static class CorpusHttp
{
    public static async Task<GatewayAnswer> PostAsync(GatewayFixture fixture, byte[] body, bool chunked)
    {
        using HttpContent content = chunked ? new ChunkedContent(body) : new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
        using var response = await fixture.Client.Http.PostAsync(new Uri(fixture.SyncUrl), content);
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return new GatewayAnswer(response.StatusCode, text, fixture.Pki.Gateway.Certificate);
        }
        catch (Exception ex) when (ex is XmlException or ShepException)
        {
            throw new XunitException($"HTTP {(int)response.StatusCode}: the gateway's answer is not a SOAP envelope ({ex.Message}): '{Excerpt(text)}'.");
        }
    }

    public static async Task<HttpStatusCode> LiveAsync(GatewayFixture fixture)
    {
        using var response = await fixture.Client.Http.GetAsync(new Uri(fixture.BaseUrl + "/health/live"));
        return response.StatusCode;
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>Content of unknown length: sent with Transfer-Encoding: chunked, no Content-Length.</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>Runs the corpus cases in file order and the after-corpus check last.</summary>
public sealed class CorpusOrderer : ITestCaseOrderer
{
    public const string TypeName = "ProactiveReissue.IntegrationTests.Corpus.CorpusOrderer";
    public const string AssemblyName = "ProactiveReissue.IntegrationTests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases
            .OrderBy(t => t.TestMethod.Method.Name == nameof(CorpusTests.Gateway_AfterWholeCorpus_StaysLiveAndAcceptsValidEnvelope) ? 1 : 0)
            .ThenBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal)
            .ThenBy(t => t.TestMethodArguments?.FirstOrDefault()?.ToString(), StringComparer.Ordinal);
}

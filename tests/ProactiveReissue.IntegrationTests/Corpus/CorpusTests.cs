using System.Net;
using System.Xml;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;

namespace ProactiveReissue.IntegrationTests.Corpus;

/// <summary>
/// Posts every hostile or malformed envelope of Corpus/cases to the real gateway and checks the
/// fault code it answers with, that the fault is a SOAP 1.1 fault signed by the gateway, and that
/// the gateway is still alive afterwards (after each case, and once more after the whole corpus).
/// </summary>
[Collection(GatewayCollection.Name)]
[TestCaseOrderer(CorpusOrderer.TypeName, CorpusOrderer.AssemblyName)]
public sealed class CorpusTests(GatewayFixture fixture)
{
    public const int MinimumCases = 45;

    public static TheoryData<string> Cases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in CorpusCase.Names())
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Fact]
    public void Corpus_EveryCase_IsCompleteAndNamedInOrder()
    {
        var templates = Directory.EnumerateFiles(CorpusCase.Directory, "*.xml").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToList();
        var names = CorpusCase.Names();

        Assert.Equal(templates, names);
        Assert.True(names.Count >= MinimumCases, $"The corpus holds {names.Count} cases; at least {MinimumCases} are expected.");
        Assert.All(names, n => Assert.Matches(@"^\d{3}-[a-z0-9]+(-[a-z0-9]+)*$", n));
        Assert.Equal(names.Count, names.Select(n => n[..n.IndexOf('-', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => CorpusCase.Load(n));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SendMessage_CorpusEnvelope_AnswersSignedFaultWithExpectedCode(string name)
    {
        var c = CorpusCase.Load(name);
        var context = new CorpusContext(fixture.Pki, fixture.Password);
        var bytes = CorpusEnvelope.Build(c, context);

        if (c.Twice)
        {
            var first = await CorpusHttp.PostAsync(fixture, bytes, c.Chunked);
            Assert.True(first.Status == HttpStatusCode.OK, $"{c.Name}: the first sending must be accepted, got {first}.");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var answer = await CorpusHttp.PostAsync(fixture, bytes, c.Chunked);
        var elapsed = clock.ElapsedMilliseconds;

        Assert.True(c.Fault == answer.FaultCode, $"{c.Name} ({c.Why}): expected {c.Fault}, got {answer}.");
        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.True(elapsed <= c.MaxMilliseconds, $"{c.Name}: the answer took {elapsed} ms (at most {c.MaxMilliseconds} ms allowed).");
        answer.AssertSignedByGateway();
        var errorInfo = answer.Soap.Operation["detail"]?.FirstChild as XmlElement;
        Assert.Equal(SyncMessageReader.FaultElement, errorInfo?.LocalName);
        Assert.Equal(ShepNamespaces.SyncTypes, errorInfo?.NamespaceURI);
        Assert.Equal(c.Fault, errorInfo?["errorCode"]?.InnerText);
        Assert.Equal(ShepFaults.Find(c.Fault)!.Message, answer.Soap.Operation["faultstring"]?.InnerText);
        if (c.Detail is not null)
        {
            Assert.Contains(c.Detail, answer.ErrorData ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.OK, await CorpusHttp.LiveAsync(fixture));
    }

    /// <summary>
    /// Runs last (see <see cref="CorpusOrderer"/>). The control envelope is sent as the gateway's own
    /// signer makes it and as a WSS4J client signs it (SignedXml, InclusiveNamespaces): the cases built
    /// on either form are refused for their defect, not for the form.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData(CorpusSignatureMutations.ResignWss4jStyle)]
    public async Task Gateway_AfterWholeCorpus_StaysLiveAndAcceptsValidEnvelope(string post)
    {
        Assert.Equal(HttpStatusCode.OK, await CorpusHttp.LiveAsync(fixture));

        var context = new CorpusContext(fixture.Pki, fixture.Password);
        var answer = await CorpusHttp.PostAsync(fixture, CorpusEnvelope.Control(context, post.Length == 0 ? [] : [post]), chunked: false);

        Assert.True(answer.Status == HttpStatusCode.OK, $"The control envelope (the valid form of every template) must be accepted, got {answer}.");
        answer.AssertSignedByGateway();
        Assert.Equal(SyncStatus.Success, answer.Response.Info.StatusCode);
        Assert.Equal("ok", answer.Response.Data!.InnerText);
    }
}

using System.Net;
using System.Security;
using System.Text;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep.Envelope;

namespace ProactiveReissue.IntegrationTests.Interop;

/// <summary>
/// Debian's xmlsec1, an XMLDSig implementation nobody here wrote, against the real gateway: a
/// SendMessage signed by `xmlsec1 --sign` from tests/interop/xmlsec1/send-message.template.xml is
/// accepted, and the gateway's signed answers pass `xmlsec1 --verify` with the pinned certificate.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class XmlSec1Tests(GatewayFixture fixture) : IDisposable
{
    private const string IdAttribute = "--id-attr:Id";
    private const string SoapBody = "http://schemas.xmlsoap.org/soap/envelope/:Body";
    private static readonly string Templates = Path.Combine(RepoPaths.Root, "tests", "interop", "xmlsec1");
    private static readonly string Template = Path.Combine(Templates, "send-message.template.xml");
    private static readonly string CorpusTemplate = Path.Combine(Templates, "send-message-c14n-corpus.template.xml");
    private static readonly TimeSpan ClientOffset = TimeSpan.FromHours(6);

    /// <summary>
    /// Why two cases are skipped. An InclusiveNamespaces PrefixList sends verification to SignedXml,
    /// which (1) re-parses the Body from its OuterXml, so a carriage return in text becomes LF and a tab
    /// in an attribute a space, and (2) canonicalizes SignedInfo differently from xmlsec1 when the
    /// SignedInfo list names a prefix declared above ds:Signature ("wsse"): valid signatures get SCE006.
    /// </summary>

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pr-xmlsec1-");

    [ToolFact(InteropTool.XmlSec1Name)]
    public async Task SendMessage_SignedByXmlSec1_IsAnsweredSuccessThatXmlSec1Verifies()
    {
        InteropTool.XmlSec1.EnsureAvailable();
        var (signed, signRun) = await SignAsync(FillTemplate(Template, "ECHO", fixture.Password));

        var (answer, answerPath) = await PostAsync(signed);

        var context = $"{signRun}--- signed request ---\n{File.ReadAllText(signed)}\n--- answer ---\n{answer.Text}";
        Assert.True(answer.Status == HttpStatusCode.OK, context);
        Assert.True(answer.Response.Info.StatusCode == SyncStatus.Success, context);
        var verify = await VerifyAsync(answerPath);
        Assert.True(verify.ExitCode == 0 && verify.StandardError.Contains("OK", StringComparison.Ordinal), verify + "--- answer ---\n" + answer.Text);
        Assert.Contains("SignedInfo References (ok/all): 1/1", verify.StandardError, StringComparison.Ordinal);
    }

    [ToolFact(InteropTool.XmlSec1Name)]
    public async Task SendMessage_XmlSec1SignedBodyAlteredAfterwards_IsRefusedSce006()
    {
        InteropTool.XmlSec1.EnsureAvailable();
        var (signed, signRun) = await SignAsync(FillTemplate(Template, "ECHO", fixture.Password));
        var text = await File.ReadAllTextAsync(signed);
        Assert.True(text.Contains("<iin>850312300013</iin>", StringComparison.Ordinal), signRun.ToString());
        await File.WriteAllTextAsync(signed, text.Replace("<iin>850312300013</iin>", "<iin>850312300024</iin>", StringComparison.Ordinal));

        var (answer, _) = await PostAsync(signed);

        // Negative control: the gateway really checks xmlsec1's digest, it does not just accept the form.
        Assert.True(answer.FaultCode == "SCE006", $"{answer}\n{answer.Text}");
    }

    [ToolFact(InteropTool.XmlSec1Name)]
    public async Task SendMessage_XmlSec1SignedCanonicalizationCorpus_IsAnsweredSuccess()
    {
        InteropTool.XmlSec1.EnsureAvailable();
        var (signed, signRun) = await SignAsync(FillTemplate(CorpusTemplate, "ECHO", fixture.Password));

        var (answer, _) = await PostAsync(signed);

        // Exclusive C14N of escapes, CDATA, comments, PIs, namespaces and non-ASCII text as xmlsec1 does it.
        Assert.True(answer.Status == HttpStatusCode.OK && answer.FaultCode is null,
            $"{answer}\n{signRun}--- signed request ---\n{File.ReadAllText(signed)}\n--- answer ---\n{answer.Text}");
    }

    [ToolFact(InteropTool.XmlSec1Name)]
    public async Task GatewayFault_EchoingMarkupAndNonAsciiText_PassesXmlSec1Verify()
    {
        InteropTool.XmlSec1.EnsureAvailable();
        const string serviceId = "NO_SUCH & <service> \"quoted\" 'apos' > Қазақстан";
        var request = ShepTestClient.Signed(ShepTestClient.Request(serviceId, GatewayFixture.Sender, fixture.Password), fixture.Pki.Client);
        var requestPath = Path.Combine(_work.FullName, "request-" + Guid.NewGuid().ToString("N") + ".xml");
        await File.WriteAllBytesAsync(requestPath, request);

        var (answer, answerPath) = await PostAsync(requestPath);
        var verify = await VerifyAsync(answerPath);

        Assert.True(answer.FaultCode == "SCE004" && answer.ErrorData?.Contains(serviceId, StringComparison.Ordinal) == true, $"{answer}\n{answer.Text}");
        Assert.True(verify.ExitCode == 0 && verify.StandardError.Contains("OK", StringComparison.Ordinal), verify + "--- answer ---\n" + answer.Text);
    }

    [ToolTheory(InteropTool.XmlSec1Name)]
    [InlineData("ns #default", null)]
    [InlineData(null, "soap")]
    [InlineData("ns", "soap wsse")]
    public async Task SendMessage_XmlSec1SignedWithInclusiveNamespacesPrefixList_IsAnsweredSuccess(string? transformPrefixList, string? c14nPrefixList)
    {
        InteropTool.XmlSec1.EnsureAvailable();
        var (signed, signRun) = await SignAsync(FillTemplate(Template, "ECHO", fixture.Password, transformPrefixList, c14nPrefixList));

        var (answer, _) = await PostAsync(signed);

        // The form WSS4J and CXF clients send by default: exc-c14n with an ec:InclusiveNamespaces PrefixList
        // (on SignedInfo, the prefixes in scope at wsse:Security, e.g. "soap wsse").
        Assert.True(answer.Status == HttpStatusCode.OK && answer.FaultCode is null,
            $"{answer}\n{signRun}--- signed request ---\n{File.ReadAllText(signed)}\n--- answer ---\n{answer.Text}");
    }

    [ToolFact(InteropTool.XmlSec1Name)]
    public async Task SendMessage_XmlSec1SignedCorpusWithInclusiveNamespacesPrefixList_IsAnsweredSuccess()
    {
        InteropTool.XmlSec1.EnsureAvailable();
        var (signed, signRun) = await SignAsync(FillTemplate(CorpusTemplate, "ECHO", fixture.Password, transformPrefixList: "unused ns2 #default", c14nPrefixList: "soap unused"));

        var (answer, _) = await PostAsync(signed);

        Assert.True(answer.Status == HttpStatusCode.OK && answer.FaultCode is null,
            $"{answer}\n{signRun}--- signed request ---\n{File.ReadAllText(signed)}\n--- answer ---\n{answer.Text}");
    }

    /// <remarks>
    /// Skipped until the gateway writes a carriage return in text as a character reference. Today
    /// SoapEnvelopeWriter.Save uses NewLineHandling.None: the CR is signed as "&amp;#xD;" but written raw,
    /// every XML parser reads it back as LF, and the signature no longer matches (xmlsec1: "data and
    /// digest do not match"). Fix: NewLineHandling.Entitize there (see tests/interop/README.md), then
    /// delete the Skip.
    /// </remarks>
    [ToolFact(InteropTool.XmlSec1Name)]
    public async Task GatewayFault_EchoingCarriageReturn_PassesXmlSec1Verify()
    {
        InteropTool.XmlSec1.EnsureAvailable();
        var (signed, signRun) = await SignAsync(FillTemplate(Template, "NO_SUCH\r\nSERVICE", fixture.Password));

        var (answer, answerPath) = await PostAsync(signed);
        var verify = await VerifyAsync(answerPath);

        Assert.True(answer.FaultCode == "SCE004", $"{answer}\n{signRun}\n{answer.Text}");
        Assert.True(verify.ExitCode == 0 && verify.StandardError.Contains("OK", StringComparison.Ordinal), verify + "--- answer ---\n" + answer.Text);
    }

    [ToolTheory(InteropTool.XmlSec1Name)]
    [InlineData("ECHO", GatewayFixture.Sender, null)]
    [InlineData("NO_SUCH_SERVICE", GatewayFixture.Sender, "SCE004")]
    [InlineData("ECHO", "NOBODY", "SCE020")]
    public async Task GatewayAnswer_CheckedByXmlSec1Verify_IsValid(string serviceId, string sender, string? faultCode)
    {
        InteropTool.XmlSec1.EnsureAvailable();
        var request = ShepTestClient.Signed(ShepTestClient.Request(serviceId, sender, fixture.Password), fixture.Pki.Client);
        var requestPath = Path.Combine(_work.FullName, "request-" + Guid.NewGuid().ToString("N") + ".xml");
        await File.WriteAllBytesAsync(requestPath, request);

        var (answer, answerPath) = await PostAsync(requestPath);
        var verify = await VerifyAsync(answerPath);

        Assert.True(answer.FaultCode == faultCode, $"{answer}\n{answer.Text}");
        Assert.True(verify.ExitCode == 0 && verify.StandardError.Contains("OK", StringComparison.Ordinal), verify + "--- answer ---\n" + answer.Text);
    }

    [ToolFact(InteropTool.XmlSec1Name)]
    public async Task GatewayAnswer_AlteredAfterSigning_FailsXmlSec1Verify()
    {
        InteropTool.XmlSec1.EnsureAvailable();
        var request = ShepTestClient.Signed(ShepTestClient.Request("ECHO", GatewayFixture.Sender, fixture.Password), fixture.Pki.Client);
        var requestPath = Path.Combine(_work.FullName, "request-" + Guid.NewGuid().ToString("N") + ".xml");
        await File.WriteAllBytesAsync(requestPath, request);
        var (answer, answerPath) = await PostAsync(requestPath);
        Assert.True(answer.Response.Info.StatusCode == SyncStatus.Success, answer.Text);
        var tampered = answer.Text.Replace("<code>" + SyncStatus.Success + "</code>", "<code>SCSE001</code>", StringComparison.Ordinal);
        Assert.NotEqual(answer.Text, tampered);
        await File.WriteAllTextAsync(answerPath, tampered);

        var verify = await VerifyAsync(answerPath);

        // Negative control: xmlsec1 --verify is not vacuous with these options.
        Assert.True(verify.ExitCode != 0 && verify.StandardError.Contains("FAIL", StringComparison.Ordinal), verify.ToString());
    }

    public void Dispose() => _work.Delete(recursive: true);

    /// <summary>
    /// The template with a fresh messageId, Body id and a +06:00 messageDate, values XML-escaped; a
    /// carriage return becomes "&amp;#13;" so that the parser keeps it.
    /// </summary>
    private string FillTemplate(string template, string serviceId, string password, string? transformPrefixList = null, string? c14nPrefixList = null)
    {
        var now = TimeProvider.System.GetUtcNow().ToOffset(ClientOffset);
        var xml = WithPrefixList(WithPrefixList(File.ReadAllText(template), "ds:Transform", transformPrefixList), "ds:CanonicalizationMethod", c14nPrefixList)
            .Replace("{{BODY_ID}}", "id-" + Guid.NewGuid().ToString("N"), StringComparison.Ordinal)
            .Replace("{{MESSAGE_ID}}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{{SERVICE_ID}}", Escape(serviceId), StringComparison.Ordinal)
            .Replace("{{MESSAGE_DATE}}", now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{SENDER_ID}}", Escape(GatewayFixture.Sender), StringComparison.Ordinal)
            .Replace("{{PASSWORD}}", Escape(password), StringComparison.Ordinal);
        Assert.DoesNotContain("{{", xml, StringComparison.Ordinal);
        var path = Path.Combine(_work.FullName, "template-" + Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllText(path, xml, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Gives the exc-c14n element of the template an ec:InclusiveNamespaces PrefixList.</summary>
    private static string WithPrefixList(string xml, string element, string? prefixList)
    {
        if (prefixList is null)
        {
            return xml;
        }

        var empty = $"<{element} Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>";
        Assert.Contains(empty, xml, StringComparison.Ordinal);
        return xml.Replace(empty,
            $"<{element} Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"><ec:InclusiveNamespaces xmlns:ec=\"http://www.w3.org/2001/10/xml-exc-c14n#\" PrefixList=\"{prefixList}\"/></{element}>",
            StringComparison.Ordinal);
    }

    private static string Escape(string value) => SecurityElement.Escape(value).Replace("\r", "&#13;", StringComparison.Ordinal);

    private async Task<(string Path, ToolRun Run)> SignAsync(string templatePath)
    {
        var output = Path.ChangeExtension(templatePath, ".signed.xml");
        var run = await ToolProcess.RunAsync(InteropTool.XmlSec1.Executable,
        [
            "--sign", "--privkey-pem", fixture.Pki.ClientKeyPath + "," + fixture.Pki.ClientCertificatePath,
            IdAttribute, SoapBody, "--output", output, templatePath,
        ]);
        Assert.True(run.ExitCode == 0 && File.Exists(output), run.ToString());
        return (output, run);
    }

    private Task<ToolRun> VerifyAsync(string answerPath) =>
        ToolProcess.RunAsync(InteropTool.XmlSec1.Executable,
        [
            "--verify", IdAttribute, SoapBody,
            "--pubkey-cert-pem", fixture.Pki.GatewayCertificatePath, "--trusted-pem", fixture.Pki.RootPath,
            answerPath,
        ]);

    /// <summary>Posts a file as it is and keeps the answer's exact bytes for xmlsec1.</summary>
    private async Task<(GatewayAnswer Answer, string Path)> PostAsync(string requestPath)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(requestPath));
        content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
        using var response = await fixture.Client.Http.PostAsync(new Uri(fixture.SyncUrl), content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var answerPath = Path.Combine(_work.FullName, "answer-" + Guid.NewGuid().ToString("N") + ".xml");
        await File.WriteAllBytesAsync(answerPath, bytes);
        return (new GatewayAnswer(response.StatusCode, Encoding.UTF8.GetString(bytes), fixture.Pki.Gateway.Certificate), answerPath);
    }
}

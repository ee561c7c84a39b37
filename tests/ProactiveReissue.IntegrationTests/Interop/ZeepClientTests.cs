using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep.Envelope;

namespace ProactiveReissue.IntegrationTests.Interop;

/// <summary>
/// Debian's python3-zeep, a SOAP client nobody here wrote, against the real gateway: it reads the
/// served WSDL, calls SendMessage signed by zeep.wsse.signature (python3-xmlsec, RSA-SHA256) and
/// checks the gateway's signature on the answer (tests/interop/zeep_send_message.py).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ZeepClientTests(GatewayFixture fixture) : IDisposable
{
    private static readonly string Script = Path.Combine(RepoPaths.Root, "tests", "interop", "zeep_send_message.py");

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pr-zeep-");

    private string WsdlUrl => fixture.SyncUrl + "?wsdl";

    [ToolFact(InteropTool.ZeepName)]
    public async Task Wsdl_LoadedByZeep_DescribesSendMessageOnTheSyncPort()
    {
        InteropTool.Zeep.EnsureAvailable();

        var run = await ToolProcess.RunAsync(InteropTool.Zeep.Executable, ["-m", "zeep", WsdlUrl]);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var expected in new[]
        {
            "Service: ISyncChannelHttpService",
            "Port: SyncChannelHttpPort (Soap11Binding: {http://bip.bee.kz/SyncChannel/v10/Interfaces}SyncChannelHttpBinding)",
            "SendMessage(request: ns1:SyncSendMessageRequest) -> response: ns1:SyncSendMessageResponse",
            "SendMessageFault1_SendMessageFault(ns0:ErrorInfo)",
        })
        {
            Assert.True(run.StandardOutput.Contains(expected, StringComparison.Ordinal), $"zeep's view of the WSDL lacks '{expected}'.\n{run}");
        }
    }

    [ToolTheory(InteropTool.ZeepName)]
    [InlineData("binary")]
    [InlineData("x509data")]
    public async Task SendMessage_SignedByZeep_IsAnsweredSuccessSignedByGateway(string keyInfo)
    {
        InteropTool.Zeep.EnsureAvailable();

        var call = await SendAsync(fixture.Password, fixture.Pki.GatewayCertificatePath, keyInfo);

        var run = call.Run;
        Assert.True(run.ExitCode == 0, call.ToString());
        Assert.True(run.Value("status") == SyncStatus.Success, call.ToString());
        Assert.True(run.Value("response-signature") == "verified", call.ToString());
        Assert.Matches(@"^\{[0-9a-f\-]{36}\}$", run.Value("sessionId"));
        var messageId = run.Value("messageId")!;
        var forwarded = await fixture.WireMock.ReceivedBodiesAsync("/test/echo");
        Assert.True(forwarded.Any(b => b.Contains(messageId, StringComparison.Ordinal)), $"The provider never saw messageId {messageId}.\n{call}");
    }

    [ToolFact(InteropTool.ZeepName)]
    public async Task SendMessage_ZeepPayloadWithWindowsLineEnds_IsAnsweredSuccess()
    {
        InteropTool.Zeep.EnsureAvailable();

        // lxml writes the CR of a CRLF payload string as "&#13;"; the Body digest must cover it as a CR.
        var call = await SendAsync(fixture.Password, fixture.Pki.GatewayCertificatePath, payload: "<request xmlns=\"urn:test\">\r\n  <iin>850312300013</iin>\r\n</request>");

        Assert.True(call.Request.Contains("&#13;", StringComparison.Ordinal), call.ToString());
        Assert.True(call.Run.ExitCode == 0 && call.Run.Value("status") == SyncStatus.Success, call.ToString());
        Assert.True(call.Run.Value("response-signature") == "verified", call.ToString());
    }

    [ToolFact(InteropTool.ZeepName)]
    public async Task SendMessage_ZeepWithWrongPassword_IsAnsweredSignedFaultSce021()
    {
        InteropTool.Zeep.EnsureAvailable();

        var call = await SendAsync("wrong-password", fixture.Pki.GatewayCertificatePath);

        Assert.True(call.Run.ExitCode == 1, call.ToString());
        Assert.True(call.Run.Value("fault") == "SCE021", call.ToString());
        Assert.True(call.Run.Value("response-signature") == "verified", call.ToString());
    }

    [ToolFact(InteropTool.ZeepName)]
    public async Task SendMessage_ZeepPinsAnotherCertificate_RefusesTheAnswer()
    {
        InteropTool.Zeep.EnsureAvailable();

        // Negative control: the answer is not signed with the client's certificate, so zeep must refuse it.
        var call = await SendAsync(fixture.Password, fixture.Pki.ClientCertificatePath);

        Assert.True(call.Run.ExitCode == 2, call.ToString());
        Assert.True(call.Run.Value("response-signature") == "INVALID", call.ToString());
    }

    public void Dispose() => _work.Delete(recursive: true);

    private async Task<ZeepCall> SendAsync(string password, string gatewayCertificatePath, string keyInfo = "binary", string? payload = null)
    {
        var dump = Path.Combine(_work.FullName, Guid.NewGuid().ToString("N"));
        List<string> arguments =
        [
            Script, WsdlUrl, fixture.Pki.ClientKeyPath, fixture.Pki.ClientCertificatePath, GatewayFixture.Sender, password, "ECHO",
            "--gateway-cert", gatewayCertificatePath, "--key-info", keyInfo, "--dump-dir", dump,
        ];
        if (payload is not null)
        {
            arguments.AddRange(["--payload", payload]);
        }

        return new ZeepCall(await ToolProcess.RunAsync(InteropTool.Zeep.Executable, arguments), dump);
    }

    /// <summary>A zeep run and the bytes it put on the wire, for the assertion messages.</summary>
    private sealed record ZeepCall(ToolRun Run, string DumpDirectory)
    {
        public string Request => Read("request.xml");

        public override string ToString() =>
            Run + "--- request on the wire ---\n" + Read("request.xml") + "\n--- response on the wire ---\n" + Read("response.xml");

        private string Read(string name)
        {
            var path = Path.Combine(DumpDirectory, name);
            return File.Exists(path) ? File.ReadAllText(path) : "(none)";
        }
    }
}

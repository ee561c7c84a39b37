using System.Text;
using ProactiveReissue.Adapters.GbdFl;
using ProactiveReissue.Adapters.GbdUl;
using ProactiveReissue.Adapters.Shep;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.IntegrationTests.Adapters;

/// <summary>What the adapters put on the wire, checked with the gateway's own verifiers, and answers of the wrong kind.</summary>
[Collection(AdapterCollection.Name)]
public sealed class ShepSyncClientTests(AdapterFixture fixture)
{
    private GbdUlAdapter GbdUl() => new(
        fixture.Http(),
        fixture.Options<GbdUlOptions>("gbdul", o => { o.RequestorBin = fixture.Pki.ClientBin; o.CacheMinutes = 0; }),
        TimeProvider.System,
        AdapterFixture.NewCache());

    [Fact]
    public async Task SendAsync_GbdUlRequest_TransportAndBusinessSignaturesVerifyWithGatewayCertificate()
    {
        await GbdUl().GetCompanyAsync(Population.RenamedNoPermits, CancellationToken.None);

        var body = (await fixture.WireMock.ReceivedBodiesAsync("/gbdul")).Last(b => b.Contains(Population.RenamedNoPermits, StringComparison.Ordinal));
        var soap = SoapEnvelopeReader.Read(SafeXml.Load(Encoding.UTF8.GetBytes(body)));
        var transport = new WsSecurityVerifier(SignatureAlgorithmSet.Default, CertificateCollectionResolver.Empty, TimeProvider.System, TimeSpan.FromMinutes(5)).Verify(soap);
        var request = SyncMessageReader.ReadRequest(soap);
        var business = new BusinessSignature(SignatureAlgorithmSet.Default).Verify(request.Data, required: true, XmlLimits.Default);

        Assert.Equal(fixture.Pki.Gateway.Certificate.Thumbprint, transport.Certificate.Thumbprint);
        Assert.Equal(fixture.Pki.Gateway.Certificate.Thumbprint, business!.Certificate.Thumbprint);
        Assert.Equal("GbdulInfoByBin_v2", request.Info.ServiceId);
    }

    [Fact]
    public async Task SendAsync_GbdUlRequestWithoutBusinessSignature_MockRefusesWithSce017()
    {
        var payload = Payload.Create("Request", ("RequestorBIN", fixture.Pki.ClientBin), ("BIN", Population.RenamedWithPermit));

        var outcome = await GbdUl().Client.SendAsync(GbdUlAdapter.CompanyServiceId, payload, CallKind.Read, signPayload: false, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.PeerFault, outcome.Kind);
        Assert.Equal("SCE017", outcome.Code);
    }

    [Fact]
    public async Task GetPersonAsync_AnswerIsNotXml_ReturnsPeerFaultBadAnswer()
    {
        var adapter = new GbdFlAdapter(fixture.Http(), fixture.Options<GbdFlOptions>("provider/garbage"), TimeProvider.System, AdapterFixture.NewCache());

        var outcome = await adapter.GetPersonAsync(Population.CleanHead, null, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.PeerFault, outcome.Kind);
        Assert.Equal(AdapterCodes.BadAnswer, outcome.Code);
    }

    [Fact]
    public async Task GetPersonAsync_AnswerOfAnotherShape_ReturnsPeerFaultBadAnswer()
    {
        var adapter = new GbdFlAdapter(fixture.Http(), fixture.Options<GbdFlOptions>("provider/unsigned"), TimeProvider.System, AdapterFixture.NewCache());

        var outcome = await adapter.GetPersonAsync(Population.CleanHead, null, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.PeerFault, outcome.Kind);
        Assert.Equal(AdapterCodes.BadAnswer, outcome.Code);
        Assert.Contains("responseCode", outcome.Message, StringComparison.Ordinal);
    }
}

using ProactiveReissue.Adapters.Sdu;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.IntegrationTests.Adapters;

[Collection(AdapterCollection.Name)]
public sealed class SduAdapterTests(AdapterFixture fixture)
{
    private SduAdapter Adapter() => new(fixture.Http(), fixture.Options<SduOptions>("sdu"), TimeProvider.System);

    [Fact]
    public async Task WriteResultAsync_CaseResult_IsAccepted()
    {
        var result = new SduCaseResult("CASE-0001", Population.RenamedWithPermit, Population.CleanHead, "REISSUED", "ТОО «Дала Сервис Плюс»", "«Дала Сервис Плюс» ЖШС", ["KZ01VCZ00000901"], "+77010000101");

        var outcome = await Adapter().WriteResultAsync(result, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Found, outcome.Kind);
        var body = (await fixture.WireMock.ReceivedBodiesAsync("/sdu")).Last(b => b.Contains("CASE-0001", StringComparison.Ordinal));
        Assert.Contains("<serviceId>SDU_CaseResult</serviceId>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteResultAsync_PeerFault_ReturnsPeerFault()
    {
        var result = new SduCaseResult("CASE-FAULT", Population.RenamedWithPermit, Population.CleanHead, "EXCLUDED", null, null, [], null);

        var outcome = await Adapter().WriteResultAsync(result, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.PeerFault, outcome.Kind);
        Assert.Equal("SDU-E001", outcome.Code);
    }
}

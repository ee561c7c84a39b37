using ProactiveReissue.Adapters.GbdUl;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.IntegrationTests.Adapters;

[Collection(AdapterCollection.Name)]
public sealed class GbdUlAdapterTests(AdapterFixture fixture)
{
    private GbdUlAdapter Adapter(Action<GbdUlOptions>? configure = null) => new(
        fixture.Http(),
        fixture.Options<GbdUlOptions>("gbdul", o => { o.RequestorBin = fixture.Pki.ClientBin; configure?.Invoke(o); }),
        TimeProvider.System,
        AdapterFixture.NewCache());

    [Fact]
    public async Task GetCompanyAsync_KnownBin_ReturnsNamesAndFirstHead()
    {
        var outcome = await Adapter().GetCompanyAsync(Population.RenamedWithPermit, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Found, outcome.Kind);
        Assert.Equal("ТОО «Дала Сервис Плюс»", outcome.Value!.FullNameRu);
        Assert.Equal("«Дала Сервис Плюс» ЖШС", outcome.Value.FullNameKz);
        Assert.Equal(Population.CleanHead, outcome.Value.Leader!.Iin);
    }

    [Fact]
    public async Task GetCompanyAsync_Request_CarriesBusinessDataSignatureAsLastChildOfRequest()
    {
        await Adapter(o => o.CacheMinutes = 0).GetCompanyAsync(Population.NotRenamed, CancellationToken.None);

        var body = (await fixture.WireMock.ReceivedBodiesAsync("/gbdul")).Last(b => b.Contains(Population.NotRenamed, StringComparison.Ordinal));
        Assert.Contains("<serviceId>GbdulInfoByBin_v2</serviceId>", body, StringComparison.Ordinal);
        Assert.Matches("<BIN>" + Population.NotRenamed + "</BIN><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">", body);
        Assert.Contains("<RequestorBIN>" + fixture.Pki.ClientBin + "</RequestorBIN>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCompanyAsync_SecondRead_ServedFromCache()
    {
        var adapter = Adapter();
        var before = await fixture.CountRequestsAsync("gbdul", Population.RenamedTwoPermits);

        await adapter.GetCompanyAsync(Population.RenamedTwoPermits, CancellationToken.None);
        var second = await adapter.GetCompanyAsync(Population.RenamedTwoPermits, CancellationToken.None);

        Assert.Equal(Population.NoPhoneHead, second.Value!.Leader!.Iin);
        Assert.Equal(before + 1, await fixture.CountRequestsAsync("gbdul", Population.RenamedTwoPermits));
    }

    [Fact]
    public async Task GetCompanyAsync_UnknownBin_ReturnsNotFound()
    {
        var outcome = await Adapter().GetCompanyAsync(Population.UnknownBin, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.NotFound, outcome.Kind);
    }

    [Fact]
    public async Task GetNameChangesAsync_Feed_ListsRenamedCompaniesOnly()
    {
        var outcome = await Adapter().GetNameChangesAsync(new DateOnly(2026, 11, 1), CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Found, outcome.Kind);
        Assert.Equal(10, outcome.Value!.Count);
        Assert.Contains(outcome.Value, c => c.Bin == Population.RenamedNoPermits);
        Assert.DoesNotContain(outcome.Value, c => c.Bin == Population.NotRenamed);
        var first = outcome.Value.Single(c => c.Bin == Population.RenamedWithPermit);
        Assert.Equal("ТОО «Дала Сервис»", first.PreviousNameRu);
        Assert.Equal("ТОО «Дала Сервис Плюс»", first.NewNameRu);
    }
}

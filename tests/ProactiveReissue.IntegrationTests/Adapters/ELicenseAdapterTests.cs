using ProactiveReissue.Adapters.ELicense;
using ProactiveReissue.Adapters.Shep;

namespace ProactiveReissue.IntegrationTests.Adapters;

[Collection(AdapterCollection.Name)]
public sealed class ELicenseAdapterTests(AdapterFixture fixture)
{
    private ELicenseAdapter Adapter() => new(fixture.Http(), fixture.Options<ELicenseOptions>("elicense"), TimeProvider.System);

    [Fact]
    public async Task GetPermitsAsync_CompanyWithPermit_ReturnsIt()
    {
        var outcome = await Adapter().GetPermitsAsync(Population.RenamedWithPermit, "ECO_PERMIT_I", CancellationToken.None);

        var permit = Assert.Single(outcome.Value!);
        Assert.Equal("KZ01VCZ00000101", permit.Number);
        Assert.Equal(Population.RenamedWithPermit, permit.IinBin);
        Assert.Equal(new DateOnly(2034, 2, 15), permit.ValidityEndDate);
    }

    [Fact]
    public async Task GetPermitsAsync_FilterByType_ReturnsOnlyThatType()
    {
        var adapter = Adapter();

        var all = await adapter.GetPermitsAsync(Population.RenamedTwoPermits, null, CancellationToken.None);
        var trusted = await adapter.GetPermitsAsync(Population.RenamedTwoPermits, "TRUSTED_SOFTWARE", CancellationToken.None);
        var ecoII = await adapter.GetPermitsAsync(Population.RenamedTwoPermits, "ECO_PERMIT_II", CancellationToken.None);

        Assert.Equal(2, all.Value!.Count);
        Assert.Equal("KZ01VCZ00000109", Assert.Single(trusted.Value!).Number);
        Assert.Empty(ecoII.Value!);
    }

    [Fact]
    public async Task GetPermitsAsync_CompanyWithoutPermits_ReturnsEmptyList()
    {
        var outcome = await Adapter().GetPermitsAsync(Population.RenamedNoPermits, "ECO_PERMIT_I", CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Found, outcome.Kind);
        Assert.Empty(outcome.Value!);
    }

    [Fact]
    public async Task ReissueAsync_SameRequestIdTwice_IssuesOneDocument()
    {
        await fixture.ResetScenariosAsync();
        var adapter = Adapter();
        var request = new ELicenseReissueRequest(Population.ReissueRequestId, "KZ01VCZ00000101-G", Population.RenamedWithPermit, "ТОО «Дала Сервис Плюс»", "«Дала Сервис Плюс» ЖШС");

        var first = await adapter.ReissueAsync(request, CancellationToken.None);
        var second = await adapter.ReissueAsync(request, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Found, first.Kind);
        Assert.False(first.Value!.AlreadyIssued);
        Assert.True(second.Value!.AlreadyIssued);
        Assert.Equal(first.Value.NewNumber, second.Value.NewNumber);
        var sent = (await fixture.WireMock.ReceivedBodiesAsync("/elicense")).Where(b => b.Contains(Population.ReissueRequestId, StringComparison.Ordinal)).ToList();
        Assert.All(sent, b => Assert.Contains("<serviceId>ELICENSE_Reissue</serviceId>", b, StringComparison.Ordinal));
    }
}

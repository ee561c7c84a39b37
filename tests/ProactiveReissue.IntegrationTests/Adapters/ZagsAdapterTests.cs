using ProactiveReissue.Adapters.Shep;
using ProactiveReissue.Adapters.Zags;

namespace ProactiveReissue.IntegrationTests.Adapters;

[Collection(AdapterCollection.Name)]
public sealed class ZagsAdapterTests(AdapterFixture fixture)
{
    private ZagsAdapter Adapter() => new(fixture.Http(), fixture.Options<ZagsOptions>("zags"), TimeProvider.System);

    [Fact]
    public async Task GetActsAsync_PersonWithDeathAct_ReturnsAct()
    {
        var outcome = await Adapter().GetActsAsync(Population.ZagsDeadHead, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Found, outcome.Kind);
        Assert.Equal("0000000451", outcome.Value!.DeathAct!.ActNumber);
        Assert.Equal(new DateOnly(2026, 9, 30), outcome.Value.DeathAct.DeathDate);
    }

    [Fact]
    public async Task GetActsAsync_PersonWithNameChange_ReturnsNamesBeforeAndAfter()
    {
        var outcome = await Adapter().GetActsAsync(Population.CleanHead, CancellationToken.None);

        var change = Assert.Single(outcome.Value!.NameChanges);
        Assert.Null(outcome.Value.DeathAct);
        Assert.Equal("Ахмедов", change.PreviousSurname);
        Assert.Equal("Ахметов", change.NewSurname);
    }

    [Fact]
    public async Task GetActsAsync_PersonWithoutActs_ReturnsEmptyRecord()
    {
        var outcome = await Adapter().GetActsAsync(Population.AbroadHead, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.Found, outcome.Kind);
        Assert.Null(outcome.Value!.DeathAct);
        Assert.Empty(outcome.Value.NameChanges);
    }

    [Fact]
    public async Task GetActsAsync_UnknownIin_ReturnsNotFound()
    {
        var outcome = await Adapter().GetActsAsync(Population.NotFoundIin, CancellationToken.None);

        Assert.Equal(AdapterOutcomeKind.NotFound, outcome.Kind);
    }
}

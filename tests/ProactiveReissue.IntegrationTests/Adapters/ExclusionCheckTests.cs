using ProactiveReissue.Adapters.Exclusion;
using ProactiveReissue.Adapters.GbdFl;
using ProactiveReissue.Adapters.Zags;

namespace ProactiveReissue.IntegrationTests.Adapters;

/// <summary>Each exclusion criterion of eco seed §6, read from the GBD FL and ZAGS mocks.</summary>
[Collection(AdapterCollection.Name)]
public sealed class ExclusionCheckTests(AdapterFixture fixture)
{
    private static readonly TimeProvider Today = new FixedTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(5)));

    [Theory]
    [InlineData(Population.CleanHead, ExclusionReason.None)]
    [InlineData(Population.NoPhoneHead, ExclusionReason.None)]
    [InlineData(Population.DeadHead, ExclusionReason.MissingOrDead)]
    [InlineData(Population.ZagsDeadHead, ExclusionReason.MissingOrDead)]
    [InlineData(Population.MissingHead, ExclusionReason.MissingOrDead)]
    [InlineData(Population.AbroadHead, ExclusionReason.ResidesAbroad)]
    [InlineData(Population.IncapableHead, ExclusionReason.Incapacitated)]
    [InlineData(Population.PrisonHead, ExclusionReason.Imprisoned)]
    [InlineData(Population.FutureReleaseHead, ExclusionReason.Imprisoned)]
    [InlineData(Population.ReleasedHead, ExclusionReason.None)]
    public async Task Evaluate_HeadFromMocks_GivesItsCriterion(string iin, ExclusionReason expected)
    {
        var gbdFl = new GbdFlAdapter(fixture.Http(), fixture.Options<GbdFlOptions>("gbdfl"), TimeProvider.System, AdapterFixture.NewCache());
        var zags = new ZagsAdapter(fixture.Http(), fixture.Options<ZagsOptions>("zags"), TimeProvider.System);

        var person = await gbdFl.GetPersonAsync(iin, null, CancellationToken.None);
        var acts = await zags.GetActsAsync(iin, CancellationToken.None);
        var reason = new ExclusionCheck(Today).Evaluate(person.Value!, acts.Value);

        Assert.Equal(expected, reason);
    }

    [Theory]
    [InlineData("2026-11-22", ExclusionReason.None)]
    [InlineData("2026-11-23", ExclusionReason.Imprisoned)]
    public void Evaluate_TermEndingTodayOrTomorrow_OpenOnlyWhileEndIsAhead(string end, ExclusionReason expected)
    {
        var person = Person() with { Imprisoned = true, ImprisonedBegin = new DateOnly(2020, 1, 1), ImprisonedEnd = DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(expected, new ExclusionCheck(Today).Evaluate(person, null));
    }

    [Fact]
    public void Evaluate_TermNotBegunYet_DoesNotExclude()
    {
        var person = Person() with { Imprisoned = true, ImprisonedBegin = new DateOnly(2027, 1, 1) };

        Assert.Equal(ExclusionReason.None, new ExclusionCheck(Today).Evaluate(person, null));
    }

    [Fact]
    public void Evaluate_LifeStatusDeadWithoutDate_ExcludesAsDead()
    {
        Assert.Equal(ExclusionReason.MissingOrDead, new ExclusionCheck(Today).Evaluate(Person() with { LifeStatus = "DEAD" }, null));
    }

    private static GbdFlPerson Person() => new(
        Population.CleanHead, "Тестов", "Тест", null, null, null, null, "ALIVE", "CAPABLE", false, null, false, null, null, "KZ", null);
}

using ProactiveReissue.Adapters.GbdFl;
using ProactiveReissue.Adapters.Zags;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Adapters.Exclusion;

/// <summary>
/// The four exclusion criteria of eco-permit seed §6 (trusted-software §8), read from GBD FL and ZAGS.
/// Checked in this order; the first that holds is the answer:
/// <list type="number">
/// <item>MissingOrDead — GBD FL has a <c>deathDate</c>, or <c>lifeStatus/code</c> is <c>DEAD</c>, or ZAGS holds a death act
/// (deaths reach GBD FL from ZAGS with a delay, so the act counts on its own); or GBD FL <c>missingStatus/missing</c> is true.</item>
/// <item>ResidesAbroad — <c>regAddress/country/code</c> is present and is not <c>KZ</c> (GBD FL has no "abroad" flag;
/// permanent residence abroad shows as a registered address in another country).</item>
/// <item>Incapacitated — <c>personCapableStatus/code</c> is present and is not <c>CAPABLE</c> (a court declared the person
/// incapable or of limited capacity).</item>
/// <item>Imprisoned — <c>imprisonedStatus/status</c> is true and the term is open today (local time, Asia/Almaty):
/// begun (no begin or begin ≤ today) and not ended (no end, or end after today). A closed term does not exclude.</item>
/// </list>
/// </summary>
public sealed class ExclusionCheck(TimeProvider time)
{
    public ExclusionReason Evaluate(GbdFlPerson person, ZagsRecord? acts)
    {
        ArgumentNullException.ThrowIfNull(person);
        var today = DateOnly.FromDateTime(LocalClock.Now(time).DateTime);

        var dead = person.DeathDate is not null
            || string.Equals(person.LifeStatus, GbdFlCodes.Dead, StringComparison.OrdinalIgnoreCase)
            || acts?.DeathAct is not null;
        if (dead || person.Missing)
        {
            return ExclusionReason.MissingOrDead;
        }

        if (person.RegAddressCountry is not null
            && !string.Equals(person.RegAddressCountry, GbdFlCodes.Kazakhstan, StringComparison.OrdinalIgnoreCase))
        {
            return ExclusionReason.ResidesAbroad;
        }

        if (person.PersonCapableStatus is not null
            && !string.Equals(person.PersonCapableStatus, GbdFlCodes.Capable, StringComparison.OrdinalIgnoreCase))
        {
            return ExclusionReason.Incapacitated;
        }

        var begun = person.ImprisonedBegin is null || person.ImprisonedBegin <= today;
        var notEnded = person.ImprisonedEnd is null || person.ImprisonedEnd > today;
        if ((person.Imprisoned || person.ImprisonedBegin is not null) && begun && notEnded)
        {
            return ExclusionReason.Imprisoned;
        }

        return ExclusionReason.None;
    }
}

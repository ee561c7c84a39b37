using System.Text.Json.Nodes;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep.Identity;

namespace ProactiveReissue.IntegrationTests.Reissue;

/// <summary>What the state systems say about a company's first head (a person of mocks/README.md cloned under a new IIN).</summary>
public enum HeadKind
{
    Clean,
    Dead,
    ZagsDeathAct,
    Missing,
    Abroad,
    Incapacitated,
    Imprisoned,
}

/// <summary>
/// A company invented at run time: fresh BIN, head IIN (both with a valid check digit) and phone, its
/// answers cloned from the committed mock files with the keys replaced, posted through WireMock's admin
/// API at priority 1. Unknown keys fall to the mocks' catch-alls: no permits, no KDP consent
/// (NOT_FOUND), no phone, no ZAGS acts.
/// </summary>
public sealed record SyntheticCompany(string Bin, string HeadIin, string Phone)
{
    private static readonly Dictionary<HeadKind, (string File, string Iin)> People = new()
    {
        [HeadKind.Clean] = ("person-clean", "850312300012"),
        [HeadKind.Dead] = ("person-dead", "620704300026"),
        [HeadKind.ZagsDeathAct] = ("person-zagsdead", "580921300036"),
        [HeadKind.Missing] = ("person-missing", "790115300048"),
        [HeadKind.Abroad] = ("person-abroad", "880530400061"),
        [HeadKind.Incapacitated] = ("person-incapable", "700203300068"),
        [HeadKind.Imprisoned] = ("person-prison", "910817300071"),
    };

    private static int _serial = Random.Shared.Next(1000, 8000);

    /// <summary>A new company, unique within this test run (BINs 2611…, heads born 1975-01-01, phones +7702…).</summary>
    public static SyntheticCompany Next()
    {
        while (true)
        {
            var n = Interlocked.Increment(ref _serial);
            var bin = IinBin.Complete($"261140{n:D5}");
            var iin = IinBin.Complete($"7501013{n % 10_000:D4}");
            if (bin is not null && iin is not null)
            {
                return new SyntheticCompany(bin, iin, $"+7702{n:D7}");
            }
        }
    }

    /// <summary>Registers the answers: permits of the given types (none: e-license's empty list), the head, KDP VALID if consent, BMG phone if any.</summary>
    public async Task RegisterAsync(WireMockProcess wireMock, string[] permitTypes, HeadKind head, bool consent, bool phone)
    {
        await wireMock.AddMappingAsync(Json(Cloned("gbdul", "company-c1", ("180540001000", Bin), ("850312300012", HeadIin))));
        if (permitTypes.Length > 0)
        {
            // permits-c1 holds one ECO_PERMIT_I; one line per type, each with its own number.
            var permit = Cloned("elicense", "permits-c1", ("180540001000", Bin));
            var body = permit["response"]!["body"]!.GetValue<string>();
            var line = body[body.IndexOf("<UniversalLicense>", StringComparison.Ordinal)..(body.IndexOf("</UniversalLicense>", StringComparison.Ordinal) + "</UniversalLicense>".Length)];
            var lines = string.Concat(permitTypes.Select((t, i) => line.Replace("ECO_PERMIT_I", t, StringComparison.Ordinal).Replace("KZ01VCZ00000101", $"KZ01VCZ{Bin[5..]}{i}", StringComparison.Ordinal)));
            permit["response"]!["body"] = body.Replace(line, lines, StringComparison.Ordinal).Replace("<TotalCount>1</TotalCount>", $"<TotalCount>{permitTypes.Length}</TotalCount>", StringComparison.Ordinal);
            await wireMock.AddMappingAsync(permit.ToJsonString());
        }

        var (file, iin) = People[head];
        await wireMock.AddMappingAsync(Json(Cloned("gbdfl", file, (iin, HeadIin))));
        if (head == HeadKind.ZagsDeathAct)
        {
            await wireMock.AddMappingAsync(Json(Cloned("zags", "death-act", (iin, HeadIin))));
        }

        if (consent)
        {
            await wireMock.AddMappingAsync(Json(Cloned("kdp", "consent-valid", ("850312300012", HeadIin))));
        }

        if (phone)
        {
            await wireMock.AddMappingAsync(Json(Cloned("bmg", "phone-clean", ("850312300012", HeadIin), ("+77010000101", Phone))));
        }
    }

    private static string Json(JsonObject mapping) => mapping.ToJsonString();

    private static JsonObject Cloned(string system, string name, params (string From, string To)[] replacements)
    {
        string Replace(string text) => replacements.Aggregate(text, (t, r) => t.Replace(r.From, r.To, StringComparison.Ordinal));
        var mapping = JsonNode.Parse(Replace(File.ReadAllText(Path.Combine(RepoPaths.Mocks, "mappings", system, name + ".json"))))!.AsObject();
        var response = mapping["response"]!.AsObject();
        var bodyFile = response["bodyFileName"]!.GetValue<string>();
        response.Remove("bodyFileName");
        response["body"] = Replace(File.ReadAllText(Path.Combine(RepoPaths.Mocks, "__files", bodyFile)));
        mapping["id"] = Guid.NewGuid().ToString();
        mapping["priority"] = 1;
        return mapping;
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProactiveReissue.Shep.Identity;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// The state systems' answers for the load run, valid for any company: the committed mock bodies
/// (mocks/__files) with their keys replaced by values taken from the request. A company's first head is
/// derived from its BIN (<see cref="HeadOf"/>) and the head's phone from the IIN, so 10,000 companies
/// have 10,000 heads and phones without 10,000 stubs. The adapters do not verify answer signatures
/// against these mocks (VerifyAnswerSignature off, as with the committed stubs), and nothing compares
/// the BIN or IIN of an answer with the request; the answers echo them all the same.
/// </summary>
public sealed partial class ReissueMockAnswers
{
    /// <summary>BIN prefix whose weighted digit sums (both weight sets) equal those of "750101" mod 11: BIN 260449+S is valid exactly when IIN 750101+S is.</summary>
    public const string BinPrefix = "260449";

    public const string HeadPrefix = "750101";

    private readonly Dictionary<string, string> _templates;

    private ReissueMockAnswers(Dictionary<string, string> templates) => _templates = templates;

    public static IReadOnlyList<string> Systems { get; } = ["gbdul", "elicense", "gbdfl", "zags", "kdp", "bmg", "sms", "sdu"];

    /// <summary>The first <paramref name="count"/> synthetic BINs, in order.</summary>
    public static List<string> Bins(int count)
    {
        var bins = new List<string>(count);
        for (var serial = 0; bins.Count < count; serial++)
        {
            if (IinBin.Complete(BinPrefix + serial.ToString("D5", CultureInfo.InvariantCulture)) is { } bin)
            {
                if (!IinBin.IsValid(HeadOf(bin)))
                {
                    throw new InvalidOperationException($"The head of {bin} would have an invalid IIN; BinPrefix is wrong.");
                }

                bins.Add(bin);
            }
        }

        return bins;
    }

    public static string HeadOf(string bin) => HeadPrefix + bin[6..];

    public static string PhoneOf(string iin) => "+7702" + iin[5..];

    public static ReissueMockAnswers Load(string repoRoot)
    {
        string Body(string file) => File.ReadAllText(Path.Combine(repoRoot, "mocks", "__files", file));
        return new ReissueMockAnswers(new Dictionary<string, string>
        {
            ["gbdul"] = Body("gbdul/company-c1.xml").Replace("180540001000", "{BIN}", StringComparison.Ordinal).Replace("850312300012", "{IIN}", StringComparison.Ordinal),
            ["elicense"] = Body("elicense/permits-c1.xml").Replace("180540001000", "{BIN}", StringComparison.Ordinal),
            ["gbdfl"] = Body("gbdfl/person-clean.xml").Replace("850312300012", "{IIN}", StringComparison.Ordinal),
            ["zags"] = Body("zags/any-other.xml"),
            ["kdp"] = Body("kdp/consent-valid.xml"),
            ["bmg"] = Body("bmg/phone-clean.xml").Replace("850312300012", "{IIN}", StringComparison.Ordinal).Replace("+77010000101", "{PHONE}", StringComparison.Ordinal),
            ["sms"] = Body("sms/send-again.xml"),
            ["sdu"] = Body("sdu/accept.xml"),
        });
    }

    /// <summary>The answer of a system to a request body (the in-process Kestrel mock).</summary>
    public string Answer(string system, string request)
    {
        var template = _templates[system];
        if (system is "gbdul" or "elicense")
        {
            var bin = BinPattern().Match(request).Groups[1].Value;
            return template.Replace("{BIN}", bin, StringComparison.Ordinal).Replace("{IIN}", bin.Length == 12 ? HeadOf(bin) : string.Empty, StringComparison.Ordinal);
        }

        var iin = IinPattern().Match(request).Groups[1].Value;
        return template.Replace("{IIN}", iin, StringComparison.Ordinal).Replace("{PHONE}", iin.Length == 12 ? PhoneOf(iin) : string.Empty, StringComparison.Ordinal);
    }

    /// <summary>Writes one catch-all stub per system (urlPath only, response templating) into a WireMock root.</summary>
    public void WriteWireMockRoot(string root)
    {
        var mappings = Directory.CreateDirectory(Path.Combine(root, "mappings")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "__files"));
        foreach (var system in Systems)
        {
            var body = _templates[system];
            if (!body.Contains('{', StringComparison.Ordinal))
            {
                File.WriteAllText(Path.Combine(mappings, system + ".json"), JsonSerializer.Serialize(Stub(system, body, templated: false)));
                continue;
            }

            var (extract, values) = system switch
            {
                "gbdul" or "elicense" => ("{{regexExtract request.body '<(?:BIN|IinBin)>([0-9]{6})([0-9]{6})</' 'k'}}",
                    new Dictionary<string, string> { ["{BIN}"] = "{{k.0}}{{k.1}}", ["{IIN}"] = HeadPrefix + "{{k.1}}" }),
                _ => ("{{regexExtract request.body '<iin>([0-9]{5})([0-9]{7})</iin>' 'k'}}",
                    new Dictionary<string, string> { ["{IIN}"] = "{{k.0}}{{k.1}}", ["{PHONE}"] = "+7702{{k.1}}" }),
            };
            var templated = values.Aggregate(body, (b, v) => b.Replace(v.Key, v.Value, StringComparison.Ordinal));
            var at = templated.IndexOf("<data>", StringComparison.Ordinal) + "<data>".Length;
            templated = templated[..at] + extract + templated[at..];
            File.WriteAllText(Path.Combine(mappings, system + ".json"), JsonSerializer.Serialize(Stub(system, templated, templated: true)));
        }
    }

    private static Dictionary<string, object> Stub(string system, string body, bool templated)
    {
        var response = new Dictionary<string, object>
        {
            ["status"] = 200,
            ["headers"] = new Dictionary<string, string> { ["Content-Type"] = "text/xml; charset=utf-8" },
            ["body"] = body,
        };
        if (templated)
        {
            response["transformers"] = new[] { "response-template" };
        }

        return new Dictionary<string, object>
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["name"] = $"load run: any {system} request",
            ["priority"] = 1,
            ["request"] = new { method = "POST", urlPath = "/" + system },
            ["response"] = response,
        };
    }

    [GeneratedRegex("<(?:BIN|IinBin)>([0-9]{12})</")]
    private static partial Regex BinPattern();

    [GeneratedRegex("<iin>([0-9]{12})</iin>")]
    private static partial Regex IinPattern();
}

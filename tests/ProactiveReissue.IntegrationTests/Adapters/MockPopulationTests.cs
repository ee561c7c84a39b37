using System.Text.RegularExpressions;
using ProactiveReissue.IntegrationTests.Infrastructure;
using ProactiveReissue.Shep.Identity;

namespace ProactiveReissue.IntegrationTests.Adapters;

public sealed partial class MockPopulationTests
{
    private static readonly string[] Systems = ["gbdfl", "zags", "gbdul", "bmg", "elicense", "sms", "kdp", "sdu"];

    [Fact]
    public void Mocks_EveryIinAndBin_PassesTheCheckDigit()
    {
        var numbers = Systems
            .SelectMany(s => Directory.EnumerateFiles(Path.Combine(RepoPaths.Mocks, "mappings", s)).Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Mocks, "__files", s))))
            .SelectMany(f => TwelveDigits().Matches(File.ReadAllText(f)).Select(m => m.Value))
            .Distinct()
            .ToList();

        Assert.True(numbers.Count > 20);
        Assert.All(numbers, n => Assert.True(IinBin.IsValid(n), $"{n} fails the IIN/BIN check digit"));
    }

    [Fact]
    public void Mocks_EverySystem_HasMappingsMatchedByXPathWithNamespaces()
    {
        foreach (var system in Systems)
        {
            var files = Directory.GetFiles(Path.Combine(RepoPaths.Mocks, "mappings", system), "*.json");
            Assert.NotEmpty(files);
            Assert.All(files, f => Assert.Contains("\"xPathNamespaces\"", File.ReadAllText(f), StringComparison.Ordinal));
        }
    }

    [GeneratedRegex("(?<![0-9-])[0-9]{12}(?![0-9])")]
    private static partial Regex TwelveDigits();
}

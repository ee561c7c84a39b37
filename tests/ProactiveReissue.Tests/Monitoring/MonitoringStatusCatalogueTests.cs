using System.Xml;
using System.Xml.Schema;
using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Monitoring.Statuses;
using ProactiveReissue.Monitoring.Xml;

namespace ProactiveReissue.Tests.Monitoring;

public sealed class MonitoringStatusCatalogueTests
{
    private const string KazakhLetters = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";

    /// <summary>Latin words that may stand in either language's text: system names and the channel.</summary>
    private static readonly string[] AllowedLatin = ["e-license", "SMS", "SDU"];

    [Fact]
    public void All_EveryStatusCode_HasExactlyOneEntry()
    {
        // Act
        var codes = MonitoringStatusCatalogue.All.Select(e => e.Code).ToArray();

        // Assert
        Assert.Equal(Enum.GetValues<MonitoringStatusCode>(), codes);
    }

    [Fact]
    public void All_EveryEntry_HasNonEmptyRussianAndKazakhText()
    {
        foreach (var entry in MonitoringStatusCatalogue.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.TextRu), $"{entry.WireCode}: no Russian text");
            Assert.False(string.IsNullOrWhiteSpace(entry.TextKk), $"{entry.WireCode}: no Kazakh text");
            Assert.Equal(entry.TextRu.Trim(), entry.TextRu);
            Assert.Equal(entry.TextKk.Trim(), entry.TextKk);
            Assert.NotEqual(entry.TextRu, entry.TextKk);
        }
    }

    [Fact]
    public void All_KazakhTexts_AreCyrillicWithKazakhLetters()
    {
        foreach (var entry in MonitoringStatusCatalogue.All)
        {
            Assert.True(entry.TextKk.IndexOfAny(KazakhLetters.ToCharArray()) >= 0, $"{entry.WireCode}: '{entry.TextKk}' has no Kazakh letter");
            Assert.True(OnlyCyrillicLetters(entry.TextKk), $"{entry.WireCode}: '{entry.TextKk}' has Latin letters");
            Assert.True(entry.TextRu.IndexOfAny(KazakhLetters.ToCharArray()) < 0, $"{entry.WireCode}: Russian text has Kazakh letters");
            Assert.True(OnlyCyrillicLetters(entry.TextRu), $"{entry.WireCode}: '{entry.TextRu}' has Latin letters");
        }
    }

    [Fact]
    public void All_WireCodes_AreUpperSnakeAndUnique()
    {
        // Act
        var codes = MonitoringStatusCatalogue.All.Select(e => e.WireCode).ToArray();

        // Assert
        Assert.Equal(codes.Length, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z]+(_[A-Z]+)*$", c));
        Assert.Contains("EXCLUDED_DEAD_OR_MISSING", codes);
        Assert.Contains("SDU_UPDATED", codes);
    }

    [Fact]
    public void All_FinalStatuses_AreTheEndsOfTheProcess()
    {
        // Act
        var final = MonitoringStatusCatalogue.All.Where(e => e.IsFinal).Select(e => e.Code).ToHashSet();

        // Assert
        MonitoringStatusCode[] expected =
        [
            MonitoringStatusCode.NoPermit, MonitoringStatusCode.ExcludedDeadOrMissing, MonitoringStatusCode.ExcludedAbroad,
            MonitoringStatusCode.ExcludedIncapacitated, MonitoringStatusCode.ExcludedImprisoned, MonitoringStatusCode.ConsentMissing,
            MonitoringStatusCode.NoPhone, MonitoringStatusCode.ConsentRefused, MonitoringStatusCode.NoReplyClosed,
            MonitoringStatusCode.OrdinaryProcedure, MonitoringStatusCode.Completed,
        ];
        Assert.True(final.SetEquals(expected));
        Assert.Equal(ProcessingStatus.Error, MonitoringStatusCatalogue.Get(MonitoringStatusCode.Error).ProcessingStatus);
    }

    [Fact]
    public void Find_WireCode_ReturnsTheEntryAndNullForUnknown()
    {
        // Act + Assert
        Assert.Equal(MonitoringStatusCode.NoReplyClosed, MonitoringStatusCatalogue.Find("NO_REPLY_CLOSED")!.Code);
        Assert.Null(MonitoringStatusCatalogue.Find("no_reply_closed"));
        Assert.Null(MonitoringStatusCatalogue.Find("CASE_LOST"));
    }

    [Fact]
    public void Schema_StatusCodeEnumeration_MatchesTheCatalogueWithItsTexts()
    {
        // Arrange
        var facets = Enumeration("StatusCode");

        // Act
        var fromSchema = facets.Select(f => (Value: f.Value ?? string.Empty, Ru: Documentation(f, "ru"), Kk: Documentation(f, "kk"))).ToArray();
        var fromCatalogue = MonitoringStatusCatalogue.All.Select(e => (Value: e.WireCode, Ru: e.TextRu, Kk: e.TextKk)).ToArray();

        // Assert
        Assert.Equal(fromCatalogue, fromSchema);
    }

    [Fact]
    public void Schema_OtherEnumerations_MatchTheirCSharpEnums()
    {
        // Act + Assert
        Assert.Equal(WireName<ProcessingStatus>.All, Enumeration("ProcessingStatus").Select(f => f.Value));
        Assert.Equal(WireName<Resolution>.All, Enumeration("Resolution").Select(f => f.Value));
        Assert.Equal(WireName<ExternalSystem>.All, Enumeration("ExternalSystem").Select(f => f.Value));
    }

    private static bool OnlyCyrillicLetters(string text)
    {
        foreach (var allowed in AllowedLatin)
        {
            text = text.Replace(allowed, string.Empty, StringComparison.Ordinal);
        }

        return text.Where(char.IsLetter).All(c => c is >= '\u0400' and <= '\u04FF');
    }

    private static XmlSchemaEnumerationFacet[] Enumeration(string typeName)
    {
        var set = MonitoringSchema.CreateSchemaSet();
        var type = (XmlSchemaSimpleType)set.GlobalTypes[new XmlQualifiedName(typeName, MonitoringSchema.Namespace)]!;
        var restriction = (XmlSchemaSimpleTypeRestriction)type.Content!;
        return restriction.Facets.OfType<XmlSchemaEnumerationFacet>().ToArray();
    }

    private static string Documentation(XmlSchemaEnumerationFacet facet, string language) =>
        facet.Annotation!.Items.OfType<XmlSchemaDocumentation>()
            .Single(d => d.Language == language)
            .Markup!.Select(n => n!.Value ?? string.Empty).Aggregate(string.Empty, (a, b) => a + b);
}

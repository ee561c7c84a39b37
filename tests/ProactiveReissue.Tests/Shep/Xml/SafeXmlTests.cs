using System.Text;
using System.Xml;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Xml;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Shep.Xml;

public sealed class SafeXmlTests
{
    [Fact]
    public void LoadString_InternalEntityExpansion_ThrowsSce002()
    {
        // Arrange: the first lines of a "billion laughs"
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
            <lolz>&lol2;</lolz>
            """;

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.ForbiddenXml, () => SafeXml.LoadString(xml));
        Assert.Contains("DTD", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_ExternalEntity_ThrowsSce002WithoutReadingTheFile()
    {
        // Arrange
        const string xml = """<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>""";

        // Act + Assert
        ShepAssert.Throws(ShepFaults.ForbiddenXml, () => SafeXml.LoadString(xml));
    }

    [Fact]
    public void LoadString_DoctypeWithoutEntities_ThrowsSce002()
    {
        // Act + Assert
        ShepAssert.Throws(ShepFaults.ForbiddenXml, () => SafeXml.LoadString("""<!DOCTYPE html SYSTEM "about:legacy-compat"><html/>"""));
    }

    [Fact]
    public void LoadString_NestingFarBeyondDefaultLimit_ThrowsSce001()
    {
        // Arrange
        var xml = Nested(XmlLimits.Default.MaxDepth + 50);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => SafeXml.LoadString(xml));
        Assert.Contains("nesting", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadString_NestingBeyondCustomLimit_ThrowsSce001()
    {
        // Arrange
        var limits = new XmlLimits(MaxDepth: 8);

        // Act + Assert
        ShepAssert.Throws(ShepFaults.BadFormat, () => SafeXml.LoadString(Nested(20), limits));
    }

    [Fact]
    public void LoadString_ShallowNesting_Loads()
    {
        // Act
        var document = SafeXml.LoadString(Nested(5), new XmlLimits(MaxDepth: 8));

        // Assert
        Assert.Equal("e", document.DocumentElement!.LocalName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<a><b></a>")]
    [InlineData("<a>")]
    [InlineData("<a x='1' x='2'/>")]
    [InlineData("<a/><b/>")]
    [InlineData("<p:a/>")]
    public void LoadString_Malformed_ThrowsSce001(string xml)
    {
        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => SafeXml.LoadString(xml));
        Assert.IsType<XmlException>(ex.InnerException);
    }

    [Fact]
    public void Load_Whitespace_IsPreservedExactly()
    {
        // Arrange: indentation, a tab and a trailing space are part of what was signed
        const string xml = "<a>\n  <b> x </b>\n\t<c attr=\"1\" />\n</a>";

        // Act
        var document = SafeXml.Load(Encoding.UTF8.GetBytes(xml));

        // Assert
        Assert.True(document.PreserveWhitespace);
        Assert.Equal(xml, document.OuterXml);
        Assert.Equal(3, document.DocumentElement!.ChildNodes.OfType<XmlWhitespace>().Count());
        Assert.Equal(" x ", document.DocumentElement["b"]!.InnerText);
    }

    [Fact]
    public void Load_CommentsAndCdata_AreKept()
    {
        // Act
        var document = SafeXml.LoadString("<a><!-- note --><![CDATA[<x/>]]></a>");

        // Assert
        Assert.IsType<XmlComment>(document.DocumentElement!.FirstChild);
        Assert.IsType<XmlCDataSection>(document.DocumentElement.LastChild);
    }

    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("<e>", depth)) + string.Concat(Enumerable.Repeat("</e>", depth));
}

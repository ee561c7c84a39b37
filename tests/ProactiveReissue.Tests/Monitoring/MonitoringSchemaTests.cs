using System.Text;
using System.Xml;
using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Monitoring.Xml;

namespace ProactiveReissue.Tests.Monitoring;

public sealed class MonitoringSchemaTests
{
    [Fact]
    public void Bytes_EmbeddedXsd_IsQualifiedAndTargetsTheMonitoringNamespace()
    {
        // Arrange
        var document = new XmlDocument { XmlResolver = null };

        // Act
        document.LoadXml(Encoding.UTF8.GetString(MonitoringSchema.Bytes.Span));

        // Assert
        var root = document.DocumentElement!;
        Assert.Equal("urn:proactive-reissue:monitoring:v1", root.GetAttribute("targetNamespace"));
        Assert.Equal("qualified", root.GetAttribute("elementFormDefault"));
        Assert.Equal("/monitoring/v1/schema.xsd", MonitoringSchema.ServedPath);
    }

    [Fact]
    public void CreateSchemaSet_EmbeddedXsd_CompilesWithTheFourMessages()
    {
        // Act
        var set = MonitoringSchema.CreateSchemaSet();

        // Assert
        Assert.True(set.IsCompiled);
        string[] roots = ["ApplicationStatus", "DocumentData", "ApplicationRequest", "ApplicationResult"];
        Assert.All(roots, r => Assert.True(set.GlobalElements.Contains(new XmlQualifiedName(r, MonitoringSchema.Namespace)), r));
        Assert.Equal(roots.Length, set.GlobalElements.Count);
    }

    [Theory]
    [InlineData(ExternalSystem.GbdUl, "GBD_UL")]
    [InlineData(ExternalSystem.ELicense, "E_LICENSE")]
    [InlineData(ExternalSystem.PepSms, "PEP_SMS")]
    public void WireName_EnumMember_IsUpperSnakeBothWays(ExternalSystem value, string wire)
    {
        // Act
        var written = WireName<ExternalSystem>.Of(value);
        var parsed = WireName<ExternalSystem>.TryParse(wire, out var back);

        // Assert
        Assert.Equal(wire, written);
        Assert.True(parsed);
        Assert.Equal(value, back);
    }
}

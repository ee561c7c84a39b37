using System.Text;
using System.Text.RegularExpressions;
using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Monitoring.Statuses;
using ProactiveReissue.Monitoring.Xml;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Monitoring;

public sealed class MonitoringSchemaValidationTests
{
    [Fact]
    public void Read_UnknownStatusCode_ThrowsSce001NamingTheElement()
    {
        // Arrange
        var xml = StatusXml().Replace("<statusCode>CASE_OPENED</statusCode>", "<statusCode>CASE_LOST</statusCode>", StringComparison.Ordinal);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageReader.ReadString(xml));
        Assert.Contains("/ApplicationStatus/statusCode", ex.Detail, StringComparison.Ordinal);
        Assert.Contains("CASE_LOST", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingServiceCode_ThrowsSce001NamingTheMissingElement()
    {
        // Arrange
        var xml = Regex.Replace(StatusXml(), "<serviceCode>[^<]*</serviceCode>", string.Empty);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageReader.ReadString(xml));
        Assert.Contains("List of possible elements expected: 'serviceCode'", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingKazakhText_ThrowsSce001()
    {
        // Arrange
        var xml = Regex.Replace(StatusXml(), "<statusTextKk>[^<]*</statusTextKk>", string.Empty);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageReader.ReadString(xml));
        Assert.Contains("statusTextKk", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TimestampWithoutOffset_ThrowsSce001()
    {
        // Arrange
        var xml = StatusXml().Replace("+05:00</statusDate>", "</statusDate>", StringComparison.Ordinal);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageReader.ReadString(xml));
        Assert.Contains("/ApplicationStatus/statusDate", ex.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-15T15:30:00.000+06:00")]
    [InlineData("2026-03-15T09:30:00Z")]
    public void Read_TimestampWithOtherOffset_KeepsTheInstantInLocalTime(string stamp)
    {
        // Arrange
        var xml = Regex.Replace(StatusXml(), "<statusDate>[^<]*</statusDate>", $"<statusDate>{stamp}</statusDate>");

        // Act
        var read = Assert.IsType<ApplicationStatus>(MonitoringMessageReader.ReadString(xml));

        // Assert
        Assert.Equal(FakeTimeProvider.DefaultStart, read.StatusDate);
        Assert.Equal(TimeSpan.FromHours(5), read.StatusDate.Offset);
    }

    [Fact]
    public void Read_BinWithWrongCheckDigit_ThrowsSce001()
    {
        // Arrange
        var xml = StatusXml().Replace(MonitoringSamples.ProviderBin, MonitoringSamples.BadBin, StringComparison.Ordinal);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageReader.ReadString(xml));
        Assert.Contains("/ApplicationStatus/provider/bin", ex.Detail, StringComparison.Ordinal);
        Assert.Contains("check digit", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ProcessingStatusThatContradictsTheCode_ThrowsSce001()
    {
        // Arrange
        var xml = StatusXml().Replace("<processingStatus>IN_PROGRESS</processingStatus>", "<processingStatus>COMPLETED</processingStatus>", StringComparison.Ordinal);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageReader.ReadString(xml));
        Assert.Contains("CASE_OPENED goes with processing status IN_PROGRESS", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnqualifiedElements_ThrowsSce001ExplainingTheNamespace()
    {
        // Arrange: the bus's habit (only the wrapper qualified) is not this schema's
        var xml = StatusXml().Replace($" xmlns=\"{MonitoringSchema.Namespace}\"", string.Empty, StringComparison.Ordinal);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageReader.ReadString(xml));
        Assert.Contains("qualified", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownRoot_ThrowsSce001()
    {
        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageReader.ReadString($"<Other xmlns=\"{MonitoringSchema.Namespace}\"/>"));
        Assert.Contains("ApplicationStatus", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Doctype_ThrowsSce002()
    {
        // Arrange
        var xml = "<!DOCTYPE r [<!ENTITY x \"y\">]>" + StatusXml().Replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>", string.Empty, StringComparison.Ordinal);

        // Act + Assert
        ShepAssert.Throws(ShepFaults.ForbiddenXml, () => MonitoringMessageReader.ReadString(xml));
    }

    [Fact]
    public void Read_ApprovedResultWithoutDocument_ThrowsSce001()
    {
        // Arrange
        var xml = Regex.Replace(Xml(MonitoringSamples.Result()), "<resultDocument>.*</resultDocument>", string.Empty);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageReader.ReadString(xml));
        Assert.Contains("resultDocument", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DocumentContentAltered_ThrowsSce001ForTheHash()
    {
        // Arrange
        var xml = Xml(MonitoringSamples.XmlDocument()).Replace("<category>II</category>", "<category>I</category>", StringComparison.Ordinal);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageReader.ReadString(xml));
        Assert.Contains("/DocumentData/hash", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DocumentWithBothContents_ThrowsSce001()
    {
        // Arrange
        var xml = Xml(MonitoringSamples.BinaryDocument()).Replace("<hash ", "<contentXml><x/></contentXml><hash ", StringComparison.Ordinal);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageReader.ReadString(xml));
        Assert.Contains("contentXml", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOfT_OtherKind_ThrowsSce001()
    {
        // Arrange
        var bytes = MonitoringMessageWriter.Write(MonitoringSamples.Status());

        // Act + Assert
        ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageReader.Read<ApplicationResult>(bytes));
    }

    [Fact]
    public void Write_ApplicationNumberWithSpace_ThrowsSce001BeforeAnythingIsSent()
    {
        // Arrange
        var status = MonitoringSamples.Status() with { ApplicationNumber = "PR 1" };

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageWriter.Write(status));
        Assert.Contains("to send is invalid", ex.Detail, StringComparison.Ordinal);
        Assert.Contains("/ApplicationStatus/applicationNumber", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RepresentativeWithInvalidIin_ThrowsSce001()
    {
        // Arrange
        var request = MonitoringSamples.Request();
        request = request with
        {
            Applicant = request.Applicant with { Representative = new Person("850312300112", "Тестов", "Тест") },
        };

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageWriter.Write(request));
        Assert.Contains("/ApplicationRequest/applicant/representative/iin", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CommentOfWhitespaceOnly_ThrowsSce001()
    {
        // Arrange
        var status = MonitoringSamples.Status() with { Comment = "   " };

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageWriter.Write(status));
        Assert.Contains("/ApplicationStatus/comment", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_XmlContentNotWellFormed_ThrowsSce001NamingTheApplication()
    {
        // Arrange
        var document = MonitoringSamples.BinaryDocument() with { Content = new XmlDocumentContent("<permit>") };

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => MonitoringMessageWriter.Write(document));
        Assert.Contains(MonitoringSamples.ApplicationNumber, ex.Detail, StringComparison.Ordinal);
    }

    private static string StatusXml() => Xml(MonitoringSamples.Status(MonitoringStatusCode.CaseOpened));

    private static string Xml(MonitoringMessage message) => Encoding.UTF8.GetString(MonitoringMessageWriter.Write(message));
}

using System.Text;
using System.Text.RegularExpressions;
using ProactiveReissue.Monitoring.Messages;
using ProactiveReissue.Monitoring.Statuses;
using ProactiveReissue.Monitoring.Xml;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Monitoring;

public sealed partial class MonitoringRoundTripTests
{
    private static readonly TimeSpan Plus5 = TimeSpan.FromHours(5);

    [Fact]
    public void ApplicationStatus_WrittenAndRead_KeepsEveryField()
    {
        // Arrange
        var status = MonitoringSamples.Status(MonitoringStatusCode.OrdinaryProcedure) with { ReasonCode = MonitoringStatusCode.NoPhone };

        // Act
        var read = MonitoringMessageReader.Read<ApplicationStatus>(MonitoringMessageWriter.Write(status));

        // Assert
        Assert.Equal(status.ApplicationNumber, read.ApplicationNumber);
        Assert.Equal(status.ServiceCode, read.ServiceCode);
        Assert.Equal(status.Provider, read.Provider);
        Assert.Equal(MonitoringStatusCode.OrdinaryProcedure, read.StatusCode);
        Assert.Equal(ProcessingStatus.Redirected, read.ProcessingStatus);
        Assert.Equal(status.StatusTextRu, read.StatusTextRu);
        Assert.Equal(status.StatusTextKk, read.StatusTextKk);
        Assert.Equal(status.StatusDate, read.StatusDate);
        Assert.Equal(Plus5, read.StatusDate.Offset);
        Assert.Equal(MonitoringStatusCode.NoPhone, read.ReasonCode);
        Assert.Equal(status.Comment, read.Comment);
        Assert.Equal(status.ExternalRequests, read.ExternalRequests);
    }

    [Fact]
    public void ApplicationStatus_WithoutOptionalParts_RoundTrips()
    {
        // Arrange
        var status = MonitoringSamples.StatusFactory().Create("A-1", MonitoringStatusCode.SmsSent);

        // Act
        var read = MonitoringMessageReader.Read<ApplicationStatus>(MonitoringMessageWriter.Write(status));

        // Assert
        Assert.Null(read.ReasonCode);
        Assert.Null(read.Comment);
        Assert.Empty(read.ExternalRequests);
        Assert.Equal(status with { ExternalRequests = read.ExternalRequests }, read);
    }

    [Fact]
    public void DocumentData_BinaryContent_RoundTripsWithItsHash()
    {
        // Arrange
        var document = MonitoringSamples.BinaryDocument();

        // Act
        var bytes = MonitoringMessageWriter.Write(document);
        var read = MonitoringMessageReader.Read<DocumentData>(bytes);

        // Assert
        var content = Assert.IsType<BinaryDocumentContent>(read.Content);
        var original = (BinaryDocumentContent)document.Content;
        Assert.Equal(original.Bytes, content.Bytes);
        Assert.Equal("application/pdf", content.MediaType);
        Assert.Equal(document with { Content = content }, read);
        Assert.Contains(Convert.ToBase64String(DocumentHash.Compute(original)), Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentData_XmlContent_RoundTripsCanonically()
    {
        // Arrange
        var document = MonitoringSamples.XmlDocument();

        // Act
        var read = MonitoringMessageReader.Read<DocumentData>(MonitoringMessageWriter.Write(document));

        // Assert
        var content = Assert.IsType<XmlDocumentContent>(read.Content);
        Assert.Equal(((XmlDocumentContent)document.Content).Xml, content.Xml);
        Assert.Equal(DocumentHash.Compute(document.Content), DocumentHash.Compute(content));
    }

    [Fact]
    public void DocumentData_XmlContentWithoutNamespace_RoundTrips()
    {
        // Arrange: an un-namespaced payload inside a default-namespaced message needs xmlns="" on the wire
        var document = MonitoringSamples.BinaryDocument() with { Content = new XmlDocumentContent("<permit><n>1</n></permit>") };

        // Act
        var read = MonitoringMessageReader.Read<DocumentData>(MonitoringMessageWriter.Write(document));

        // Assert
        Assert.Equal("<permit><n>1</n></permit>", Assert.IsType<XmlDocumentContent>(read.Content).Xml);
    }

    [Fact]
    public void ApplicationRequest_WrittenAndRead_KeepsEveryField()
    {
        // Arrange
        var request = MonitoringSamples.Request();

        // Act
        var read = MonitoringMessageReader.Read<ApplicationRequest>(MonitoringMessageWriter.Write(request));

        // Assert
        Assert.Equal(request.Applicant, read.Applicant);
        Assert.Equal(request.Parameters, read.Parameters);
        Assert.Equal(request.Documents, read.Documents);
        Assert.Equal(request.SubmittedAt, read.SubmittedAt);
        Assert.Equal(Plus5, read.SubmittedAt.Offset);
        Assert.Equal(request with { Parameters = read.Parameters, Documents = read.Documents }, read);
    }

    [Fact]
    public void ApplicationResult_WrittenAndRead_KeepsEveryField()
    {
        // Arrange
        var result = MonitoringSamples.Result();

        // Act
        var read = MonitoringMessageReader.Read<ApplicationResult>(MonitoringMessageWriter.Write(result));

        // Assert
        Assert.Equal(Resolution.Approved, read.Resolution);
        Assert.Equal(MonitoringStatusCode.PermitReissued, read.StatusCode);
        Assert.Equal(result.Comment, read.Comment);
        Assert.Equal(result.ResolutionDate, read.ResolutionDate);
        Assert.NotNull(read.ResultDocument);
        Assert.Equal(result.ResultDocument!.Sha256, read.ResultDocument.Sha256);
        Assert.Equal(result.ResultDocument with { Sha256 = read.ResultDocument.Sha256 }, read.ResultDocument);
        Assert.Equal(result.ExternalRequests, read.ExternalRequests);
    }

    [Fact]
    public void Write_AnyMessage_EmitsEveryTimestampAtPlusFive()
    {
        // Arrange: the clock is at 09:30 UTC
        var time = new FakeTimeProvider();
        MonitoringMessage[] messages = [MonitoringSamples.Status(time: time), MonitoringSamples.Request(time), MonitoringSamples.Result(time)];

        foreach (var message in messages)
        {
            // Act
            var xml = Encoding.UTF8.GetString(MonitoringMessageWriter.Write(message));

            // Assert
            var stamps = TimestampElement().Matches(xml);
            Assert.Single(stamps);
            Assert.Equal("2026-03-15T14:30:00.000+05:00", stamps[0].Groups["value"].Value);
        }
    }

    [Fact]
    public void Write_AnyMessage_QualifiesEveryElement()
    {
        // Arrange
        var document = MonitoringMessageWriter.WriteDocument(MonitoringSamples.Request());

        // Act
        var names = document.SelectNodes("//*")!.Cast<System.Xml.XmlElement>().Select(e => e.NamespaceURI).Distinct().ToArray();

        // Assert
        Assert.Equal([MonitoringSchema.Namespace], names);
    }

    [Fact]
    public void Read_SignedStatus_ValidatesAndTheSignatureStillVerifies()
    {
        // Arrange: rules §11, an enveloped business-data signature as the root's last child
        var document = MonitoringMessageWriter.WriteDocument(MonitoringSamples.Status());
        BusinessSignature.Sign(document, TestPki.Shared.Client);

        // Act
        var read = MonitoringMessageReader.Read(document.DocumentElement!);
        var verified = new BusinessSignature(SignatureAlgorithmSet.Default).Verify(
            SafeXml.LoadString("<data>" + document.DocumentElement!.OuterXml + "</data>").DocumentElement, required: true, XmlLimits.Default);

        // Assert
        Assert.IsType<ApplicationStatus>(read);
        Assert.NotNull(verified);
        Assert.Equal("ApplicationStatus", verified.SignedElement.LocalName);
    }

    [Fact]
    public void Read_ManyThreadsAtOnce_EveryMessageValidates()
    {
        // Arrange: the queue's delivery workers read and write in parallel
        var bytes = MonitoringMessageWriter.Write(MonitoringSamples.Request());

        // Act
        var kinds = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => kinds.Add(MonitoringMessageReader.Read(bytes).GetType().Name));

        // Assert
        Assert.Equal(400, kinds.Count);
        Assert.All(kinds, k => Assert.Equal(nameof(ApplicationRequest), k));
    }

    [GeneratedRegex("<(statusDate|submittedAt|resolutionDate)>(?<value>[^<]*)</")]
    private static partial Regex TimestampElement();
}

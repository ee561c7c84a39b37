using System.Xml;
using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Shep.Envelope;

public sealed class SyncMessageWriterTests
{
    [Fact]
    public void Request_WithProperties_RoundTripsThroughTheReader()
    {
        // Arrange
        var info = Envelopes.Info("m-42");

        // Act
        var read = SyncMessageReader.ReadRequest(Envelopes.Parse(Envelopes.Request(info))).Info;

        // Assert
        Assert.Equal(info.MessageId, read.MessageId);
        Assert.Equal(info.CorrelationId, read.CorrelationId);
        Assert.Equal(info.ServiceId, read.ServiceId);
        Assert.Equal(info.MessageDate, read.MessageDate);
        Assert.Equal(info.RouteId, read.RouteId);
        Assert.Equal(info.Sender, read.Sender);
        Assert.Equal(info.Properties, read.Properties);
        Assert.Equal(info.SessionId, read.SessionId);
    }

    [Fact]
    public void Request_OptionalFieldsAbsent_ReadBackAsNull()
    {
        // Arrange
        var info = Envelopes.Info() with { CorrelationId = null, RouteId = null, SessionId = null, Sender = new Sender("s", null), Properties = [] };

        // Act
        var read = SyncMessageReader.ReadRequest(Envelopes.Parse(Envelopes.Request(info))).Info;

        // Assert
        Assert.Null(read.CorrelationId);
        Assert.Null(read.RouteId);
        Assert.Null(read.SessionId);
        Assert.Null(read.Sender.Password);
        Assert.Empty(read.Properties);
    }

    [Fact]
    public void Request_OnTheWire_OnlyTheWrapperIsQualifiedAndDatesArePlusFive()
    {
        // Arrange
        var info = Envelopes.Info() with { MessageDate = new DateTimeOffset(2026, 3, 15, 9, 30, 0, 5, TimeSpan.Zero) };

        // Act
        var operation = Envelopes.Parse(Envelopes.Text(Envelopes.Request(info))).Operation;

        // Assert
        Assert.Equal(ShepNamespaces.SyncTypes, operation.NamespaceURI);
        var request = Assert.IsType<XmlElement>(operation.FirstChild);
        var data = request.SelectSingleNode("requestData/data")!;
        var envelopeElements = request.SelectNodes("descendant-or-self::*")!.Cast<XmlElement>()
            .Where(e => !IsInside(e, data) && e != data);
        Assert.All(envelopeElements, e => Assert.Equal(string.Empty, e.NamespaceURI));
        Assert.Equal("2026-03-15T14:30:00.005+05:00", request.SelectSingleNode("requestInfo/messageDate")!.InnerText);
        var order = request["requestInfo"]!.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName).Distinct();
        Assert.Equal(["messageId", "correlationId", "serviceId", "messageDate", "routeId", "sender", "properties", "sessionId"], order);
    }

    [Fact]
    public void Response_WithData_RoundTripsThroughTheReader()
    {
        // Arrange
        var info = new ResponseInfo("r-1", "m-42", new DateTimeOffset(2026, 3, 15, 14, 30, 1, 250, TimeSpan.FromHours(5)), SyncStatus.Success, SyncStatus.SuccessMessage, "{6f9619ff-8b86-d011-b42d-00c04fc964ff}");
        var data = Envelopes.Data("<data><person xmlns=\"urn:test\"><lastName>Ахметова</lastName></person></data>");

        // Act
        var read = SyncMessageReader.ReadResponse(Envelopes.Parse(SyncMessageWriter.Response(info, data, "id-1")));

        // Assert
        Assert.Equal(info, read.Info);
        Assert.Equal("Ахметова", read.Data!.InnerText);
    }

    [Fact]
    public void Response_StatusMessageOver250_IsCutTo250()
    {
        // Arrange
        var info = new ResponseInfo("r-1", null, FakeTimeProvider.DefaultStart, SyncStatus.Failure, new string('x', 300), null);

        // Act
        var read = SyncMessageReader.ReadResponse(Envelopes.Parse(SyncMessageWriter.Response(info, null, "id-1")));

        // Assert
        Assert.Equal(250, read.Info.StatusMessage.Length);
        Assert.NotNull(read.Data);
    }

    [Fact]
    public void Fault_WithSubError_RoundTripsTheWholeErrorInfo()
    {
        // Arrange
        var provider = new ErrorInfo("GBDFL-17", "Person not found", new DateTimeOffset(2026, 3, 15, 9, 30, 0, 100, TimeSpan.Zero), "iin=900101300126");
        var error = new ErrorInfo(ShepFaults.ProviderFault.Code, ShepFaults.ProviderFault.Message, new DateTimeOffset(2026, 3, 15, 9, 30, 0, 200, TimeSpan.Zero),
            "The provider answered with a fault.", provider, "{6f9619ff-8b86-d011-b42d-00c04fc964ff}");

        // Act
        var message = Envelopes.Parse(SyncMessageWriter.Fault(error, "id-1"));
        var read = SyncMessageReader.TryReadFault(message, DateTimeOffset.MinValue);

        // Assert
        Assert.Equal(error, read);
        Assert.Equal("SCE032", message.Operation["faultcode"]!.InnerText);
        Assert.Equal(error.ErrorMessage, message.Operation["faultstring"]!.InnerText);
        var detail = message.Operation["detail"]!.FirstChild!;
        Assert.Equal(SyncMessageReader.FaultElement, detail.LocalName);
        Assert.Equal(ShepNamespaces.SyncTypes, detail.NamespaceURI);
    }

    [Fact]
    public void TryReadFault_PlainSoapFaultWithoutDetail_UsesFaultcodeWithoutPrefix()
    {
        // Arrange
        var now = FakeTimeProvider.DefaultStart;
        var xml = Envelopes.Wire("<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>NullPointerException</faultstring></soapenv:Fault>");

        // Act
        var read = SyncMessageReader.TryReadFault(Envelopes.Parse(xml), now);

        // Assert
        Assert.Equal(new ErrorInfo("Server", "NullPointerException", now), read);
    }

    [Fact]
    public void TryReadFault_ResponseIsNotAFault_ReturnsNull()
    {
        // Arrange
        var info = new ResponseInfo("r-1", null, FakeTimeProvider.DefaultStart, SyncStatus.Success, SyncStatus.SuccessMessage, null);

        // Act
        var read = SyncMessageReader.TryReadFault(Envelopes.Parse(SyncMessageWriter.Response(info, null, "id-1")), FakeTimeProvider.DefaultStart);

        // Assert
        Assert.Null(read);
    }

    private static bool IsInside(XmlNode node, XmlNode container)
    {
        for (var parent = node.ParentNode; parent is not null; parent = parent.ParentNode)
        {
            if (parent == container)
            {
                return true;
            }
        }

        return false;
    }
}

using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Shep.Envelope;

/// <summary>Messages written by hand the way legacy clients put them on the wire.</summary>
public sealed class SyncMessageReaderTests
{
    private const string Sender = "<sender><senderId>proactive-client</senderId><password>s3cret</password></sender>";

    [Fact]
    public void ReadRequest_LegacyClientMessage_ReadsEveryField()
    {
        // Arrange
        var xml = Request(
            "<messageId>m-1</messageId><serviceId>GBDFL_UniversalServiceSync</serviceId>"
            + "<messageDate>2026-03-15T15:30:00+06:00</messageDate><routeId></routeId>" + Sender
            + "<properties><key>channel</key><value>proactive</value></properties><properties><key>empty</key></properties>",
            "<requestData><data><request xmlns=\"urn:test\"><iin>900101300126</iin></request></data></requestData>");

        // Act
        var request = SyncMessageReader.ReadRequest(Envelopes.Parse(xml));

        // Assert
        var info = request.Info;
        Assert.Equal("m-1", info.MessageId);
        Assert.Null(info.CorrelationId);
        Assert.Equal("GBDFL_UniversalServiceSync", info.ServiceId);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 9, 30, 0, TimeSpan.Zero), info.MessageDate);
        Assert.Null(info.RouteId);
        Assert.Equal(new Sender("proactive-client", "s3cret"), info.Sender);
        MessageProperty[] properties = [new("channel", "proactive"), new("empty", string.Empty)];
        Assert.Equal(properties, info.Properties);
        Assert.Null(info.SessionId);
        Assert.Equal("request", request.Data!.FirstChild!.LocalName);
    }

    [Fact]
    public void ReadRequest_QualifiedRequest_ThrowsSce001ThatExplainsChildrenAreUnqualified()
    {
        // Arrange: a client generated from a schema with elementFormDefault="qualified"
        var xml = Envelopes.Wire("<ns:SendMessage><ns:request><ns:requestInfo/></ns:request></ns:SendMessage>");

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => SyncMessageReader.ReadRequest(Envelopes.Parse(xml)));
        Assert.Contains("<request>", ex.Detail, StringComparison.Ordinal);
        Assert.Contains(ShepNamespaces.SyncTypes, ex.Detail, StringComparison.Ordinal);
        Assert.Contains("unqualified", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRequest_QualifiedMessageId_ThrowsSce001NamingTheElement()
    {
        // Arrange
        var xml = Request("<ns:messageId>m-1</ns:messageId><serviceId>S</serviceId><messageDate>2026-03-15T14:30:00</messageDate>" + Sender);

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => SyncMessageReader.ReadRequest(Envelopes.Parse(xml)));
        Assert.Contains("<messageId>", ex.Detail, StringComparison.Ordinal);
        Assert.Contains("unqualified", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRequest_OtherOperation_ThrowsSce001()
    {
        // Act + Assert
        ShepAssert.Throws(ShepFaults.BadFormat, () => SyncMessageReader.ReadRequest(Envelopes.Parse(Envelopes.Wire("<ns:sendMessage/>"))));
    }

    [Theory]
    [InlineData("<messageId> </messageId><serviceId>S</serviceId><messageDate>2026-03-15T14:30:00</messageDate>" + Sender, "messageId is empty")]
    [InlineData("<messageId>m</messageId><messageDate>2026-03-15T14:30:00</messageDate>" + Sender, "<serviceId>")]
    [InlineData("<messageId>m</messageId><serviceId>S</serviceId><messageDate>yesterday</messageDate>" + Sender, "messageDate 'yesterday'")]
    [InlineData("<messageId>m</messageId><serviceId>S</serviceId><messageDate>2026-03-15T14:30:00</messageDate><sender><password>p</password></sender>", "<senderId>")]
    [InlineData("<messageId>m</messageId><serviceId>S</serviceId><messageDate>2026-03-15T14:30:00</messageDate>", "<sender>")]
    public void ReadRequest_MissingOrBadRequiredField_ThrowsSce001NamingIt(string requestInfo, string expected)
    {
        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => SyncMessageReader.ReadRequest(Envelopes.Parse(Request(requestInfo))));
        Assert.Contains(expected, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRequest_MessageIdLongerThan128_ThrowsSce001()
    {
        // Arrange
        var xml = Request($"<messageId>{new string('m', 129)}</messageId><serviceId>S</serviceId><messageDate>2026-03-15T14:30:00</messageDate>" + Sender);

        // Act + Assert
        ShepAssert.Throws(ShepFaults.BadFormat, () => SyncMessageReader.ReadRequest(Envelopes.Parse(xml)));
    }

    [Theory]
    [InlineData(31, 1)]
    [InlineData(1, 501)]
    public void ReadRequest_PropertyOverLimit_ThrowsSce001(int keyLength, int valueLength)
    {
        // Arrange
        var xml = Request(Minimal($"<properties><key>{new string('k', keyLength)}</key><value>{new string('v', valueLength)}</value></properties>"));

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => SyncMessageReader.ReadRequest(Envelopes.Parse(xml)));
        Assert.Contains("exceeds the limits", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRequest_PropertyAtLimits_IsAccepted()
    {
        // Arrange
        var xml = Request(Minimal($"<properties><key>{new string('k', 30)}</key><value>{new string('v', 500)}</value></properties>"));

        // Act
        var request = SyncMessageReader.ReadRequest(Envelopes.Parse(xml));

        // Assert
        var property = Assert.Single(request.Info.Properties);
        Assert.Equal(30, property.Key.Length);
        Assert.Equal(500, property.Value.Length);
    }

    [Fact]
    public void ReadRequest_NoRequestData_ReturnsNullData()
    {
        // Act
        var request = SyncMessageReader.ReadRequest(Envelopes.Parse(Request(Minimal(string.Empty), requestData: string.Empty)));

        // Assert
        Assert.Null(request.Data);
    }

    [Fact]
    public void ReadRequest_EscapedStringAndCdataPayloads_KeepTheTextUntouched()
    {
        // Arrange
        const string typed = "<requestData><data xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"xs:string\">&lt;r a=\"1\"&gt;x&lt;/r&gt;</data></requestData>";
        const string cdata = "<requestData><data><![CDATA[<r a=\"1\">x</r>]]></data></requestData>";

        // Act
        var fromString = SyncMessageReader.ReadRequest(Envelopes.Parse(Request(Minimal(string.Empty), typed))).Data!;
        var fromCdata = SyncMessageReader.ReadRequest(Envelopes.Parse(Request(Minimal(string.Empty), cdata))).Data!;

        // Assert
        Assert.Equal("<r a=\"1\">x</r>", fromString.InnerText);
        Assert.Equal("xs:string", fromString.GetAttribute("type", ShepNamespaces.Xsi));
        Assert.Equal("<r a=\"1\">x</r>", fromCdata.InnerText);
    }

    private static string Minimal(string extra) =>
        "<messageId>m-1</messageId><serviceId>S</serviceId><messageDate>2026-03-15T14:30:00Z</messageDate>" + Sender + extra;

    private static string Request(string requestInfo, string requestData = "<requestData><data/></requestData>") =>
        Envelopes.Wire($"<ns:SendMessage><request><requestInfo>{requestInfo}</requestInfo>{requestData}</request></ns:SendMessage>");
}

using System.Text.RegularExpressions;
using System.Xml;
using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Shep.Envelope;

public sealed class SoapEnvelopeWriterTests
{
    [Fact]
    public void CopyData_XsiTypePrefixDeclaredOnTheEnvelope_KeepsTheBindingOnTheWire()
    {
        // Arrange: xs and xsi are declared on the client's Envelope, far above data
        var xml = Envelopes.Wire(
            "<ns:SendMessage><request><requestInfo/><requestData>"
            + "<data xsi:type=\"xs:string\">&lt;r/&gt;</data></requestData></request></ns:SendMessage>")
            .Replace("<soapenv:Envelope ", "<soapenv:Envelope xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ", StringComparison.Ordinal);
        var source = (XmlElement)Envelopes.Parse(xml).Operation.SelectSingleNode("request/requestData/data")!;
        var (target, body) = SoapEnvelopeWriter.CreateFrame("id-1");

        // Act
        SoapEnvelopeWriter.CopyData(source, SoapEnvelopeWriter.Add(body, "holder"));
        var reread = Envelopes.Parse(Envelopes.Text(target)).Operation;

        // Assert
        var data = Assert.IsType<XmlElement>(reread.FirstChild);
        Assert.Equal("xs:string", data.GetAttribute("type", ShepNamespaces.Xsi));
        Assert.Equal(ShepNamespaces.Xsd, data.GetNamespaceOfPrefix("xs"));
        Assert.Equal("<r/>", data.InnerText);
    }

    [Fact]
    public void CopyData_PrefixBoundToAnotherNamespaceInTheTarget_IsRedeclaredOnTheCopy()
    {
        // Arrange: the client's "ns" is its payload namespace; the writer's "ns" is the SyncChannel's
        const string payload = "urn:test:payload";
        var source = Envelopes.Data($"<wrap xmlns:ns=\"{payload}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><data xsi:type=\"ns:PersonRequest\"><iin>900101300126</iin></data></wrap>")["data"]!;
        var info = new ResponseInfo("r-1", null, FakeTimeProvider.DefaultStart, SyncStatus.Success, SyncStatus.SuccessMessage, null);

        // Act
        var response = SyncMessageReader.ReadResponse(Envelopes.Parse(SyncMessageWriter.Response(info, source, "id-1")));

        // Assert
        Assert.Equal(ShepNamespaces.SyncTypes, response.Soap!.Operation.NamespaceURI);
        Assert.Equal(payload, response.Data!.GetNamespaceOfPrefix("ns"));
        Assert.Equal("ns:PersonRequest", response.Data.GetAttribute("type", ShepNamespaces.Xsi));
    }

    [Fact]
    public void CopyData_CdataAndComments_StayAsTheyWere()
    {
        // Arrange
        var source = Envelopes.Data("<data><!-- c --><![CDATA[<r a=\"1\"/>]]></data>");
        var (target, body) = SoapEnvelopeWriter.CreateFrame("id-1");

        // Act
        var copy = SoapEnvelopeWriter.CopyData(source, body);

        // Assert
        Assert.Same(target, copy.OwnerDocument);
        Assert.IsType<XmlComment>(copy.FirstChild);
        var cdata = Assert.IsType<XmlCDataSection>(copy.LastChild);
        Assert.Equal("<r a=\"1\"/>", cdata.Value);
    }

    [Fact]
    public void CreateFrame_BodyId_IsCarriedAsWsuId()
    {
        // Act
        var (_, body) = SoapEnvelopeWriter.CreateFrame("id-abc");

        // Assert
        Assert.Equal("id-abc", body.GetAttribute("Id", ShepNamespaces.Wsu));
        Assert.Equal(ShepNamespaces.Soap11, body.NamespaceURI);
    }

    [Fact]
    public void NewSessionId_Always_IsAGuidInBraces()
    {
        // Act
        var id = SoapEnvelopeWriter.NewSessionId(new DateTimeOffset(2026, 11, 22, 20, 0, 0, TimeSpan.FromHours(5)));

        // Assert
        Assert.Matches(new Regex("^\\{[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\\}$"), id);
    }

    [Fact]
    public void NewSessionId_LaterTime_SortsAfter()
    {
        // Arrange
        var now = new DateTimeOffset(2026, 11, 22, 20, 0, 0, TimeSpan.FromHours(5));

        // Act
        var first = SoapEnvelopeWriter.NewSessionId(now);
        var second = SoapEnvelopeWriter.NewSessionId(now.AddMilliseconds(1));

        // Assert: the journal's session index grows at its end
        Assert.True(string.CompareOrdinal(first, second) < 0, $"{first} should sort before {second}");
    }
}

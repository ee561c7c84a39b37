using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Tests.Support;

namespace ProactiveReissue.Tests.Shep.Envelope;

public sealed class SoapEnvelopeReaderTests
{
    private const string Operation = "<ns:SendMessage><request/></ns:SendMessage>";

    [Fact]
    public void Read_HeaderAndBody_ReturnsTheSingleOperation()
    {
        // Act
        var message = Envelopes.Parse(Envelopes.Wire("\n  " + Operation + "\n"));

        // Assert
        Assert.NotNull(message.Header);
        Assert.Equal("Body", message.Body.LocalName);
        Assert.Equal("SendMessage", message.Operation.LocalName);
        Assert.Equal(ShepNamespaces.SyncTypes, message.Operation.NamespaceURI);
    }

    [Fact]
    public void Read_NoHeader_ReturnsNullHeader()
    {
        // Act
        var message = Envelopes.Parse(Envelopes.Wire(Operation, header: string.Empty));

        // Assert
        Assert.Null(message.Header);
    }

    [Fact]
    public void Read_Soap12Envelope_ThrowsSce009()
    {
        // Arrange
        const string xml = """
            <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:ns="http://bip.bee.kz/SyncChannel/v10/Types">
              <env:Body><ns:SendMessage/></env:Body>
            </env:Envelope>
            """;

        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.SoapVersionMismatch, () => Envelopes.Parse(xml));
        Assert.Contains("SOAP 1.1", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RootIsNotAnEnvelope_ThrowsSce001()
    {
        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => Envelopes.Parse("<ns:SendMessage xmlns:ns=\"http://bip.bee.kz/SyncChannel/v10/Types\"/>"));
        Assert.Contains("not a SOAP 1.1 Envelope", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoBody_ThrowsSce001()
    {
        // Act + Assert
        ShepAssert.Throws(ShepFaults.BadFormat, () => Envelopes.Parse("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Header/></soapenv:Envelope>"));
    }

    [Fact]
    public void Read_TwoOperationsInBody_ThrowsSce001()
    {
        // Act + Assert
        var ex = ShepAssert.Throws(ShepFaults.BadFormat, () => Envelopes.Parse(Envelopes.Wire(Operation + Operation)));
        Assert.Contains("holds 2", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyBody_ThrowsSce001()
    {
        // Act + Assert
        ShepAssert.Throws(ShepFaults.BadFormat, () => Envelopes.Parse(Envelopes.Wire("   ")));
    }

    [Fact]
    public void Read_HeaderAfterBody_ThrowsSce001()
    {
        // Arrange
        const string xml = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><x/></s:Body><s:Header/></s:Envelope>";

        // Act + Assert
        ShepAssert.Throws(ShepFaults.BadFormat, () => Envelopes.Parse(xml));
    }

    [Fact]
    public void Read_TextDirectlyInsideEnvelope_ThrowsSce001()
    {
        // Arrange
        const string xml = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">smuggled<s:Body><x/></s:Body></s:Envelope>";

        // Act + Assert
        ShepAssert.Throws(ShepFaults.BadFormat, () => Envelopes.Parse(xml));
    }
}

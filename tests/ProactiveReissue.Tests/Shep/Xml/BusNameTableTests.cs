using ProactiveReissue.Shep;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Tests.Shep.Xml;

public sealed class BusNameTableTests
{
    [Fact]
    public void Add_CommonNameInTwoTables_ReturnsTheSameInstance()
    {
        // Arrange
        var chars = "xx" + "Envelope" + "yy";

        // Act
        var first = new BusNameTable().Add(chars.ToCharArray(), 2, 8);
        var second = new BusNameTable().Add(new string("Envelope".AsSpan()));

        // Assert
        Assert.Equal("Envelope", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Add_OtherName_AtomizedWithinTheTable()
    {
        // Arrange
        var table = new BusNameTable();

        // Act
        var added = table.Add("iinOfTheHead".ToCharArray(), 0, 12);
        var again = table.Add(new string("iinOfTheHead".AsSpan()));

        // Assert
        Assert.Same(added, again);
        Assert.Same(added, table.Get("iinOfTheHead"));
        Assert.Null(new BusNameTable().Get("iinOfTheHead"));
    }

    [Fact]
    public void Add_EmptyName_ReturnsEmpty()
    {
        // Act
        var empty = new BusNameTable().Add([], 0, 0);

        // Assert
        Assert.Same(string.Empty, empty);
    }

    [Fact]
    public void LoadString_PayloadWithOwnNames_ReadsNamesAndNamespaces()
    {
        // Act
        var document = SafeXml.LoadString($"<soap:Envelope xmlns:soap=\"{ShepNamespaces.Soap11}\"><soap:Body><p:head xmlns:p=\"urn:x\" p:iin=\"1\">t</p:head></soap:Body></soap:Envelope>");

        // Assert
        var head = (System.Xml.XmlElement)document.DocumentElement!.FirstChild!.FirstChild!;
        Assert.IsType<BusNameTable>(document.NameTable);
        Assert.Equal(("head", "urn:x", "1"), (head.LocalName, head.NamespaceURI, head.GetAttribute("iin", "urn:x")));
        Assert.Same(document.DocumentElement.NamespaceURI, document.NameTable.Get(ShepNamespaces.Soap11));
    }
}

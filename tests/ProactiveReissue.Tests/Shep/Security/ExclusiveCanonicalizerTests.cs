using System.Security.Cryptography.Xml;
using System.Xml;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Tests.Shep.Security;

/// <summary>Our canonicalizer must agree byte for byte with .NET's XmlDsigExcC14NTransform.</summary>
public sealed class ExclusiveCanonicalizerTests
{
    public static TheoryData<string, string> Documents => new()
    {
        { "<root><a>text</a></root>", "a" },
        { "<s:Envelope xmlns:s='urn:s' xmlns:u='urn:u'><s:Body u:Id='x' xmlns:unused='urn:n'><p:op xmlns:p='urn:p'><child attr='1'>v</child></p:op></s:Body></s:Envelope>", "Body" },
        { "<e xmlns='urn:default'><Body><inner>1</inner><x:y xmlns:x='urn:x' xmlns='urn:other'><z/></x:y></Body></e>", "Body" },
        { "<e xmlns='urn:default'><Body xmlns=''><inner/></Body></e>", "Body" },
        { "<e xmlns='urn:d'><Body><inner xmlns=''><deeper xmlns='urn:d2'/></inner></Body></e>", "Body" },
        { "<r><Body b='2' a='1' xmlns:z='urn:z' z:c='3' xmlns:a='urn:a' a:d='4'>&lt;&amp;&gt;\"' <!-- comment --><?pi data?>\r\n\ttext</Body></r>", "Body" },
        { "<r><Body attr='line&#10;break&#9;tab&#13;cr &quot; &lt; &amp;'>x</Body></r>", "Body" },
        { "<r><Body><![CDATA[<cdata & stuff>]]></Body></r>", "Body" },
        { "<r xml:lang='kk'><Body xml:space='preserve'>  Қазақ тілі — кириллица  </Body></r>", "Body" },
        { "<a:r xmlns:a='urn:a'><a:Body><a:x><a:y a:attr='1'/></a:x><b:x xmlns:b='urn:a'/></a:Body></a:r>", "Body" },
        { "<r xmlns:p='urn:p1'><Body><p:x xmlns:p='urn:p2'><p:y/></p:x><p:z/></Body></r>", "Body" },
        { "<r><Body>\n  <data xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:type='xs:string' xmlns:xs='http://www.w3.org/2001/XMLSchema'>&lt;x/&gt;</data>\n</Body></r>", "Body" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Canonicalize_AnySubtree_MatchesDotNetTransform(string xml, string elementName)
    {
        var document = SafeXml.LoadString(xml);
        var element = document.GetElementsByTagName("*").OfType<XmlElement>().First(e => e.LocalName == elementName);

        var ours = ExclusiveCanonicalizer.Canonicalize(element);

        Assert.Equal(System.Text.Encoding.UTF8.GetString(Reference(element)), System.Text.Encoding.UTF8.GetString(ours));
    }

    [Fact]
    public void Canonicalize_LargeThenSmallOnOneThread_EachMatchesDotNetTransform()
    {
        // Larger than the per-thread buffers are kept for, with non-ASCII text and surrogate pairs
        // (𝔸, 4 bytes in UTF-8) spread through it; then a small one that reuses the buffers.
        var text = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"Қ{i}𝔸&amp;"));
        var large = SafeXml.LoadString($"<r xmlns:p='urn:p'><Body><p:x a='1'>{text}</p:x><y/></Body></r>", new XmlLimits());
        var small = SafeXml.LoadString("<r xmlns:p='urn:p'><Body><p:x>small</p:x></Body></r>");

        foreach (var document in new[] { large, small, large })
        {
            var body = (XmlElement)document.DocumentElement!.FirstChild!;
            Assert.Equal(Reference(body), ExclusiveCanonicalizer.Canonicalize(body));
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(Reference(body)), ExclusiveCanonicalizer.Sha256(body, []));
        }
    }

    /// <summary>What SignedXml does for a same-document reference: the element alone, with its in-scope namespaces, through the transform.</summary>
    private static byte[] Reference(XmlElement element)
    {
        var standalone = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        standalone.LoadXml(element.OuterXml);
        var transform = new XmlDsigExcC14NTransform();
        transform.LoadInput(standalone);
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var buffer = new MemoryStream();
        output.CopyTo(buffer);
        return buffer.ToArray();
    }
}

using System.Text;
using System.Xml;
using ProactiveReissue.Shep.Faults;

namespace ProactiveReissue.Shep.Xml;

/// <summary>
/// The one place XML from outside is parsed: no DTD, no resolver, bounded depth and size,
/// whitespace preserved (a reformatted document no longer matches its digest).
/// </summary>
public static class SafeXml
{
    public static XmlDocument Load(ReadOnlyMemory<byte> bytes, XmlLimits? limits = null)
    {
        limits ??= XmlLimits.Default;
        try
        {
            var document = NewDocument();
            using var stream = new MemoryStreamReader(bytes);
            using var reader = XmlReader.Create(stream, Settings(limits, document.NameTable));
            document.Load(reader);
            CheckDepth(document, limits.MaxDepth);
            return document;
        }
        catch (XmlException ex)
        {
            throw Classify(ex, bytes.Span);
        }
    }

    /// <summary>
    /// Parses XML that is already characters (an escaped-string or CDATA payload). The encoding named in
    /// its declaration — utf-16 when a client wrote it with a StringWriter — no longer describes any bytes
    /// and is ignored, as XmlDocument.LoadXml does.
    /// </summary>
    public static XmlDocument LoadString(string xml, XmlLimits? limits = null)
    {
        limits ??= XmlLimits.Default;
        try
        {
            var document = NewDocument();
            using var reader = XmlReader.Create(new StringReader(xml), Settings(limits, document.NameTable));
            document.Load(reader);
            CheckDepth(document, limits.MaxDepth);
            return document;
        }
        catch (XmlException ex)
        {
            throw Classify(ex, Encoding.UTF8.GetBytes(xml));
        }
    }

    /// <summary>An empty DOM that keeps whitespace and never resolves anything; the bus's names come from a shared frozen table.</summary>
    public static XmlDocument NewDocument() => new(new BusNameTable()) { PreserveWhitespace = true, XmlResolver = null };

    /// <summary>The reader adds names to the document's own table, not to a second one made for it.</summary>
    private static XmlReaderSettings Settings(XmlLimits limits, XmlNameTable names) => new()
    {
        NameTable = names,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = limits.MaxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreWhitespace = false,
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        CloseInput = true,
    };

    /// <summary>
    /// Depth is checked on the loaded DOM (XmlDocument loads iteratively, so a deep document cannot
    /// exhaust the stack there); nothing recursive ever sees a document deeper than the limit.
    /// </summary>
    private static void CheckDepth(XmlDocument document, int maxDepth)
    {
        var stack = new Stack<(XmlNode Node, int Depth)>();
        stack.Push((document.DocumentElement!, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > maxDepth)
            {
                throw new ShepException(ShepFaults.BadFormat, $"XML nesting is deeper than {maxDepth} levels.");
            }

            for (var child = node.FirstChild; child is not null; child = child.NextSibling)
            {
                if (child.NodeType == XmlNodeType.Element)
                {
                    stack.Push((child, depth + 1));
                }
            }
        }
    }

    private static ShepException Classify(XmlException ex, ReadOnlySpan<byte> bytes)
    {
        if (MentionsDtd(bytes))
        {
            return new ShepException(ShepFaults.ForbiddenXml, "A DTD or entity declaration is not allowed in a message.", inner: ex);
        }

        return new ShepException(ShepFaults.BadFormat, $"The message is not well-formed XML: {ex.Message}", inner: ex);
    }

    /// <summary>True when the bytes hold "&lt;!DOCTYPE" or "&lt;!ENTITY" in any encoding the reader detects (UTF-8/ASCII, UTF-16, UTF-32).</summary>
    private static bool MentionsDtd(ReadOnlySpan<byte> bytes)
    {
        foreach (var marker in DtdMarkers)
        {
            if (bytes.IndexOf(marker) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly byte[][] DtdMarkers =
        (from encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF32, new UTF32Encoding(bigEndian: true, byteOrderMark: false) }
         from marker in new[] { "<!DOCTYPE", "<!ENTITY" }
         select encoding.GetBytes(marker)).ToArray();

    /// <summary>A read-only stream over memory without copying it.</summary>
    private sealed class MemoryStreamReader(ReadOnlyMemory<byte> memory) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => memory.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, memory.Length - _position);
            memory.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

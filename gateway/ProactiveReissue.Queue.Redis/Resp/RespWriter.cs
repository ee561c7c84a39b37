using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ProactiveReissue.Queue.Redis.Resp;

/// <summary>Encodes a command as a RESP2 array of bulk strings, straight into the connection's buffer (no per-argument allocation).</summary>
public static class RespWriter
{
    public static void Write(IBufferWriter<byte> buffer, object[] args)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(args);
        WriteHeader(buffer, (byte)'*', args.Length);
        foreach (var arg in args)
        {
            switch (arg)
            {
                case byte[] bytes:
                    WriteBulk(buffer, bytes);
                    break;
                case ReadOnlyMemory<byte> memory:
                    WriteBulk(buffer, memory.Span);
                    break;
                case string text:
                    WriteText(buffer, text);
                    break;
                case long number:
                    WriteNumber(buffer, number);
                    break;
                case int number:
                    WriteNumber(buffer, number);
                    break;
                case IFormattable number:
                    WriteText(buffer, number.ToString(null, CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new ArgumentException($"A Redis argument must be a string, bytes or a number, not {arg?.GetType().Name ?? "null"}.", nameof(args));
            }
        }
    }

    private static void WriteText(IBufferWriter<byte> buffer, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        WriteHeader(buffer, (byte)'$', length);
        var span = buffer.GetSpan(length + 2);
        Encoding.UTF8.GetBytes(text, span);
        span[length] = (byte)'\r';
        span[length + 1] = (byte)'\n';
        buffer.Advance(length + 2);
    }

    private static void WriteNumber(IBufferWriter<byte> buffer, long number)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(number, digits, out var length);
        WriteBulk(buffer, digits[..length]);
    }

    private static void WriteBulk(IBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        WriteHeader(buffer, (byte)'$', bytes.Length);
        var span = buffer.GetSpan(bytes.Length + 2);
        bytes.CopyTo(span);
        span[bytes.Length] = (byte)'\r';
        span[bytes.Length + 1] = (byte)'\n';
        buffer.Advance(bytes.Length + 2);
    }

    private static void WriteHeader(IBufferWriter<byte> buffer, byte prefix, int length)
    {
        var span = buffer.GetSpan(16);
        span[0] = prefix;
        Utf8Formatter.TryFormat(length, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        buffer.Advance(3 + written);
    }
}

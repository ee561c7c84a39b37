using System.Buffers;
using System.Globalization;
using System.Text;

namespace ProactiveReissue.Queue.Redis.Resp;

/// <summary>Encodes a command as a RESP2 array of bulk strings.</summary>
public static class RespWriter
{
    public static void Write(ArrayBufferWriter<byte> buffer, object[] args)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(args);
        WriteHeader(buffer, '*', args.Length);
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
                    WriteBulk(buffer, Encoding.UTF8.GetBytes(text));
                    break;
                case IFormattable number:
                    WriteBulk(buffer, Encoding.UTF8.GetBytes(number.ToString(null, CultureInfo.InvariantCulture)));
                    break;
                default:
                    throw new ArgumentException($"A Redis argument must be a string, bytes or a number, not {arg?.GetType().Name ?? "null"}.", nameof(args));
            }
        }
    }

    private static void WriteBulk(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        WriteHeader(buffer, '$', bytes.Length);
        buffer.Write(bytes);
        buffer.Write("\r\n"u8);
    }

    private static void WriteHeader(ArrayBufferWriter<byte> buffer, char prefix, int length)
    {
        buffer.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{prefix}{length}\r\n")));
    }
}

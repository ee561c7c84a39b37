using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// HTTP/1.1 messages on one TCP connection, kept alive: the benchmark's own client and fast provider
/// speak it directly (as wrk does) so that their CPU goes to the gateway, not to a second and third
/// full HTTP stack on the same two cores. Every message is framed by Content-Length; a chunked or
/// unframed message is refused rather than guessed at.
/// </summary>
public sealed class SyncHttpWire(Socket socket) : IDisposable
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>A request's or response's first line code (the status; 0 for a request) and its body, valid until the next read.</summary>
    public readonly record struct Message(int Status, ReadOnlyMemory<byte> Body, bool Close);

    public Socket Socket => socket;

    /// <summary>Builds "head + body" once, so sending it is one write.</summary>
    public static byte[] Frame(string head, byte[] body)
    {
        var headBytes = Encoding.ASCII.GetBytes(head + "Content-Length: " + body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\r\n\r\n");
        var frame = new byte[headBytes.Length + body.Length];
        headBytes.CopyTo(frame, 0);
        body.CopyTo(frame, headBytes.Length);
        return frame;
    }

    public async ValueTask SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (sent < frame.Length)
        {
            sent += await socket.SendAsync(frame.AsMemory(sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the next message; null when the peer closed the connection between messages.</summary>
    public async ValueTask<Message?> ReadAsync(CancellationToken cancellationToken)
    {
        int headLength;
        while ((headLength = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return _end == _start ? null : throw new IOException("The connection closed inside a message head.");
            }
        }

        var (status, contentLength, close) = ParseHead(_buffer.AsSpan(_start, headLength));
        var bodyOffset = headLength + 4;
        while (_end - _start < bodyOffset + contentLength)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException("The connection closed inside a message body.");
            }
        }

        var body = _buffer.AsMemory(_start + bodyOffset, contentLength);
        _start += bodyOffset + contentLength;
        return new Message(status, body, close);
    }

    public void Dispose() => socket.Dispose();

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }
        else if (_start == _end)
        {
            _start = _end = 0;
        }

        var n = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        _end += n;
        return n > 0;
    }

    private static (int Status, int ContentLength, bool Close) ParseHead(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var first = lineEnd < 0 ? head : head[..lineEnd];
        var status = 0;
        if (first.StartsWith("HTTP/1."u8) && first.Length >= 12 && !Utf8Parser.TryParse(first.Slice(9, 3), out status, out _))
        {
            throw new IOException("Unreadable status line: " + Encoding.ASCII.GetString(first));
        }

        var contentLength = -1;
        var close = false;
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out var used) || used != value.Length || contentLength < 0)
                {
                    throw new IOException("Unreadable Content-Length.");
                }
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                throw new IOException("A chunked message: this wire speaks Content-Length only.");
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(name, "Connection"u8) && System.Text.Ascii.EqualsIgnoreCase(value, "close"u8))
            {
                close = true;
            }
        }

        if (contentLength < 0 && (status == 0 || (status >= 200 && status != 204 && status != 304)))
        {
            throw new IOException("A message without Content-Length.");
        }

        return (status, Math.Max(contentLength, 0), close);
    }
}

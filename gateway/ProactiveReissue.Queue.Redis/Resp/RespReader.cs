using System.Buffers.Text;
using System.Text;

namespace ProactiveReissue.Queue.Redis.Resp;

/// <summary>
/// Reads RESP2 replies from a stream, one at a time, with its own buffer. Lengths and integers are parsed
/// from the bytes in place; replies already in the buffer are read without an await.
/// </summary>
public sealed class RespReader(Stream stream)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public async ValueTask<RedisReply> ReadAsync(CancellationToken cancellationToken)
    {
        var (type, number, text) = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        switch (type)
        {
            case (byte)'+':
                return RedisReply.Simple(text!);
            case (byte)'-':
                return RedisReply.Error(text!);
            case (byte)':':
                return RedisReply.Int(number);
            case (byte)'$':
                if (number < 0)
                {
                    return RedisReply.Nil;
                }

                var bytes = await ReadExactAsync((int)number, cancellationToken).ConfigureAwait(false);
                return RedisReply.Bulk(bytes);
            default: // '*'
                if (number < 0)
                {
                    return RedisReply.Nil;
                }

                var items = new RedisReply[number];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = await ReadAsync(cancellationToken).ConfigureAwait(false);
                }

                return RedisReply.Array(items);
        }
    }

    /// <summary>One reply line: its type byte, and either its number (':' '$' '*') or its text ('+' '-').</summary>
    private async ValueTask<(byte Type, long Number, string? Text)> ReadLineAsync(CancellationToken cancellationToken)
    {
        var offset = 0;
        while (true)
        {
            var from = _start + offset;
            var index = Array.IndexOf(_buffer, (byte)'\n', from, _end - from);
            if (index >= 0)
            {
                if (index - _start < 2 || _buffer[index - 1] != (byte)'\r')
                {
                    throw new RedisConnectionException("Protocol error: an empty reply line, or one that does not end with CRLF.");
                }

                var type = _buffer[_start];
                var body = _buffer.AsSpan(_start + 1, index - 2 - _start);
                _start = index + 1;
                switch (type)
                {
                    case (byte)'+' or (byte)'-':
                        return (type, 0, Encoding.UTF8.GetString(body));
                    case (byte)':' or (byte)'$' or (byte)'*':
                        if (!Utf8Parser.TryParse(body, out long number, out var consumed) || consumed != body.Length)
                        {
                            throw new RedisConnectionException($"Protocol error: '{Encoding.UTF8.GetString(body)}' is not a number.");
                        }

                        return (type, number, null);
                    default:
                        throw new RedisConnectionException($"Protocol error: unexpected reply type '{(char)type}'.");
                }
            }

            offset = _end - _start;
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A bulk string's bytes and its CRLF.</summary>
    private async ValueTask<byte[]> ReadExactAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var copied = 0;
        while (copied < count + 2)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var take = Math.Min(count + 2 - copied, _end - _start);
            var into = Math.Min(take, count - copied);
            if (into > 0)
            {
                Buffer.BlockCopy(_buffer, _start, result, copied, into);
            }

            _start += take;
            copied += take;
        }

        return result;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new RedisConnectionException("Redis closed the connection.");
        }

        _end += read;
    }
}

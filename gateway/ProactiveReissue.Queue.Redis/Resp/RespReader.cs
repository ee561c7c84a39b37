using System.Globalization;
using System.Text;

namespace ProactiveReissue.Queue.Redis.Resp;

/// <summary>Reads RESP2 replies from a stream, one at a time, with its own buffer.</summary>
public sealed class RespReader(Stream stream)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public async Task<RedisReply> ReadAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line.Length == 0)
        {
            throw new RedisConnectionException("Protocol error: empty reply line.");
        }

        var body = line[1..];
        switch (line[0])
        {
            case '+':
                return RedisReply.Simple(body);
            case '-':
                return RedisReply.Error(body);
            case ':':
                return RedisReply.Int(long.Parse(body, CultureInfo.InvariantCulture));
            case '$':
                var length = int.Parse(body, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return RedisReply.Nil;
                }

                var bytes = await ReadExactAsync(length, cancellationToken).ConfigureAwait(false);
                await ReadExactAsync(2, cancellationToken).ConfigureAwait(false);
                return RedisReply.Bulk(bytes);
            case '*':
                var count = int.Parse(body, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return RedisReply.Nil;
                }

                var items = new RedisReply[count];
                for (var i = 0; i < count; i++)
                {
                    items[i] = await ReadAsync(cancellationToken).ConfigureAwait(false);
                }

                return RedisReply.Array(items);
            default:
                throw new RedisConnectionException($"Protocol error: unexpected reply type '{line[0]}'.");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var offset = 0;
        while (true)
        {
            var from = _start + offset;
            var index = Array.IndexOf(_buffer, (byte)'\n', from, _end - from);
            if (index >= 0)
            {
                if (index == _start || _buffer[index - 1] != (byte)'\r')
                {
                    throw new RedisConnectionException("Protocol error: a reply line does not end with CRLF.");
                }

                var line = Encoding.UTF8.GetString(_buffer, _start, index - 1 - _start);
                _start = index + 1;
                return line;
            }

            offset = _end - _start;
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var copied = 0;
        while (copied < count)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var take = Math.Min(count - copied, _end - _start);
            Buffer.BlockCopy(_buffer, _start, result, copied, take);
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

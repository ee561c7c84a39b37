using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// The benchmark's client: HTTP/1.1 keep-alive connections over loopback TCP, each request sent as
/// pre-built bytes (head and pre-signed envelope), each answer read completely (Content-Length) and
/// checked for HTTP 200 and SCSS001. A connection is reused once its answer is read.
/// </summary>
public sealed class SyncLoadClient(IPEndPoint gateway) : IDisposable
{
    private readonly ConcurrentBag<SyncHttpWire> _idle = [];

    public const string Path = "/bip-sync-wss-gost/";

    /// <summary>The request as it goes on the wire: POST head and the signed envelope.</summary>
    public byte[] Frame(byte[] envelope) => SyncHttpWire.Frame(
        $"POST {Path} HTTP/1.1\r\nHost: {gateway}\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"\"\r\n", envelope);

    public async Task<bool> PostAsync(byte[] frame)
    {
        if (!_idle.TryTake(out var connection))
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(gateway);
            connection = new SyncHttpWire(socket);
        }

        try
        {
            await connection.SendAsync(frame, CancellationToken.None);
            var answer = await connection.ReadAsync(CancellationToken.None) ?? throw new IOException("The gateway closed the connection without answering.");
            var ok = answer.Status == 200 && answer.Body.Span.IndexOf("SCSS001"u8) >= 0;
            if (!ok)
            {
                var text = Encoding.UTF8.GetString(answer.Body.Span);
                var at = Math.Max(0, text.IndexOf("<faultcode>", StringComparison.Ordinal));
                Console.Error.WriteLine($"not answered with SCSS001: HTTP {answer.Status} {text[at..Math.Min(text.Length, at + 600)]}");
            }

            if (answer.Close)
            {
                connection.Dispose();
            }
            else
            {
                _idle.Add(connection);
            }

            return ok;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// A provider that answers every request at once with one answer signed in advance: HTTP/1.1 over
/// loopback TCP, keep-alive, the whole response (head and body) built once and written in one send.
/// It reads each request completely (Content-Length) before answering, as a real provider would.
/// </summary>
public sealed class FastProvider : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly byte[] _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private FastProvider(Socket listener, byte[] answer)
    {
        _listener = listener;
        _response = SyncHttpWire.Frame("HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\n", answer);
        Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}/provider";
        _accepting = AcceptAsync();
    }

    public string Url { get; }

    public static Task<FastProvider> StartAsync(byte[] answer)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        return Task.FromResult(new FastProvider(listener, answer));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            socket.NoDelay = true;
            _ = ServeAsync(new SyncHttpWire(socket));
        }
    }

    private async Task ServeAsync(SyncHttpWire connection)
    {
        using (connection)
        {
            try
            {
                while (await connection.ReadAsync(_stop.Token) is { } request)
                {
                    await connection.SendAsync(_response, _stop.Token);
                    if (request.Close)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The gateway closed or reset the connection: nothing to answer.
            }
        }
    }
}

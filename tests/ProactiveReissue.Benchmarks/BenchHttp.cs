namespace ProactiveReissue.Benchmarks;

/// <summary>The HTTP clients of the queue benchmark: connections kept through the pauses between rounds.</summary>
public static class BenchHttp
{
    /// <summary>For direct posting, as a client of the bus would post.</summary>
    public static HttpClient NewClient() => new(NewHandler());

    /// <summary>For the delivery transport, wrapped in an <see cref="HttpMessageInvoker"/> as the gateway's is.</summary>
    public static SocketsHttpHandler NewHandler() => new() { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
}

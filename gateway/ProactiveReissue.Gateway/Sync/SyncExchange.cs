using System.Diagnostics;
using System.Security.Cryptography;
using ProactiveReissue.Gateway.Journal;
using ProactiveReissue.Gateway.Observability;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Faults;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Gateway.Sync;

/// <summary>
/// One client exchange on a channel: its session id, what is known of the request so far, and the
/// two journal lines (client request in, client response out) written before the answer leaves.
/// </summary>
public sealed class SyncExchange(string channel, string? peer, IMessageJournal journal, GatewayMetrics metrics, TimeProvider time)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public string Channel => channel;

    public string SessionId { get; } = SoapEnvelopeWriter.NewSessionId(time.GetUtcNow());

    public RequestInfo? Info { get; set; }

    public byte[] RequestBytes { get; set; } = [];

    /// <summary>Journal lines of the provider hops, committed together with the client's.</summary>
    public List<JournalEntry> ProviderHops { get; } = new(2);

    public DateTimeOffset Now => LocalClock.Now(time);

    public ErrorInfo ToErrorInfo(ShepException ex) =>
        new(ex.Fault.Code, ex.Fault.Message, Now, ex.Detail, ex.SubError, SessionId);

    /// <summary>Journals both hops and records metrics. Awaited before the response is written.</summary>
    public async Task CompleteAsync(string? faultCode, byte[] responseBytes, CancellationToken cancellationToken)
    {
        var info = Info;
        var outcome = faultCode is null ? JournalHops.Ok : JournalHops.Fault;
        var now = Now;
        var request = new JournalEntry(JournalHops.In, JournalHops.ClientRequest, channel, info?.MessageId, info?.CorrelationId, SessionId,
            info?.ServiceId, info?.Sender.SenderId, peer, now, outcome, faultCode, RequestBytes.Length, Hash(RequestBytes));
        var response = request with
        {
            Direction = JournalHops.Out,
            Hop = JournalHops.ClientResponse,
            Size = responseBytes.Length,
            BodySha256 = Hash(responseBytes),
        };
        var lines = new List<JournalEntry>(2 + ProviderHops.Count) { request };
        lines.AddRange(ProviderHops);
        lines.Add(response);
        await journal.AppendAsync(lines, cancellationToken).ConfigureAwait(false);
        metrics.Record(channel, faultCode, Stopwatch.GetElapsedTime(_started));
    }

    public long ElapsedMilliseconds => (long)Stopwatch.GetElapsedTime(_started).TotalMilliseconds;

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

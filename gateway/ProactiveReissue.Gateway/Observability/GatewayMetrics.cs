using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ProactiveReissue.Queue.Delivery;

namespace ProactiveReissue.Gateway.Observability;

/// <summary>
/// Request counters, fault counters by code and a latency histogram, rendered in the Prometheus text
/// exposition format (prometheus-net is not served here; this is small enough to own).
/// </summary>
public sealed class GatewayMetrics
{
    private static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly ConcurrentDictionary<(string Channel, string Outcome), long> _requests = new();
    private readonly ConcurrentDictionary<string, long> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Histogram> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Destination, string Outcome), long> _deliveries = new();
    private readonly ConcurrentDictionary<string, long> _deadLetters = new(StringComparer.Ordinal);

    public void Record(string channel, string? faultCode, TimeSpan elapsed)
    {
        _requests.AddOrUpdate((channel, faultCode is null ? "ok" : "fault"), 1, (_, n) => n + 1);
        if (faultCode is not null)
        {
            _faults.AddOrUpdate(faultCode, 1, (_, n) => n + 1);
        }

        _latency.GetOrAdd(channel, _ => new Histogram()).Observe(elapsed.TotalSeconds);
    }

    /// <summary>A delivery attempt of the outbound queue, by destination (scheme://host:port) and outcome.</summary>
    public void RecordDelivery(string destination, DeliveryOutcome outcome) =>
        _deliveries.AddOrUpdate((destination, outcome switch
        {
            DeliveryOutcome.Delivered => "delivered",
            DeliveryOutcome.Rejected => "rejected",
            _ => "retry",
        }), 1, (_, n) => n + 1);

    /// <summary>A message the queue gave up on: refused by its receiver, or not delivered in its attempts or age.</summary>
    public void RecordDeadLetter(bool rejected) => _deadLetters.AddOrUpdate(rejected ? "rejected" : "gave_up", 1, (_, n) => n + 1);

    public long Requests(string channel, string outcome) => _requests.TryGetValue((channel, outcome), out var n) ? n : 0;

    public long Faults(string code) => _faults.TryGetValue(code, out var n) ? n : 0;

    /// <param name="more">Appends series of other parts (the stores') before the runtime's.</param>
    public string Render(Action<StringBuilder>? more = null)
    {
        var text = new StringBuilder();
        Counter(text, "shep_requests_total", "Messages received, by channel and outcome.",
            _requests.OrderBy(k => k.Key.Channel).ThenBy(k => k.Key.Outcome).Select(k => ($"channel=\"{k.Key.Channel}\",outcome=\"{k.Key.Outcome}\"", k.Value)));
        Counter(text, "shep_faults_total", "Faults returned, by fault code.", _faults.OrderBy(k => k.Key).Select(k => ($"code=\"{k.Key}\"", k.Value)));
        text.Append("# HELP shep_request_duration_seconds Time from request received to response written.\n# TYPE shep_request_duration_seconds histogram\n");
        foreach (var (channel, histogram) in _latency.OrderBy(k => k.Key))
        {
            histogram.Render(text, channel);
        }

        Counter(text, "queue_delivery_attempts_total", "Delivery attempts of the outbound queue, by destination and outcome (delivered, retry, rejected).",
            _deliveries.OrderBy(k => k.Key.Destination).ThenBy(k => k.Key.Outcome).Select(k => ($"destination=\"{k.Key.Destination}\",outcome=\"{k.Key.Outcome}\"", k.Value)));
        Counter(text, "queue_dead_letters_total", "Messages that became dead letters: refused by the receiver, or given up after their attempts or age.",
            _deadLetters.OrderBy(k => k.Key).Select(k => ($"reason=\"{k.Key}\"", k.Value)));
        more?.Invoke(text);
        RuntimeMetrics.Render(text);
        return text.ToString();
    }

    /// <summary>A counter with one line per label set, in the order given.</summary>
    private static void Counter(StringBuilder text, string name, string help, IEnumerable<(string Labels, long Value)> lines)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n");
        foreach (var (labels, value) in lines)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {value}\n");
        }
    }

    private sealed class Histogram
    {
        private readonly long[] _counts = new long[Buckets.Length + 1];
        private long _count;
        private long _sumMicros;

        public void Observe(double seconds)
        {
            var index = Array.FindIndex(Buckets, b => seconds <= b);
            Interlocked.Increment(ref _counts[index < 0 ? Buckets.Length : index]);
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _sumMicros, (long)(seconds * 1_000_000));
        }

        public void Render(StringBuilder text, string channel)
        {
            long cumulative = 0;
            for (var i = 0; i < Buckets.Length; i++)
            {
                cumulative += Interlocked.Read(ref _counts[i]);
                text.Append(CultureInfo.InvariantCulture, $"shep_request_duration_seconds_bucket{{channel=\"{channel}\",le=\"{Buckets[i]}\"}} {cumulative}\n");
            }

            cumulative += Interlocked.Read(ref _counts[Buckets.Length]);
            text.Append(CultureInfo.InvariantCulture, $"shep_request_duration_seconds_bucket{{channel=\"{channel}\",le=\"+Inf\"}} {cumulative}\n");
            text.Append(CultureInfo.InvariantCulture, $"shep_request_duration_seconds_sum{{channel=\"{channel}\"}} {Interlocked.Read(ref _sumMicros) / 1_000_000.0}\n");
            text.Append(CultureInfo.InvariantCulture, $"shep_request_duration_seconds_count{{channel=\"{channel}\"}} {Interlocked.Read(ref _count)}\n");
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ProactiveReissue.Queue;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// Realistic outbound messages: a monitoring status of about 1 KB (UTF-8, Russian and Kazakh text), each with its own
/// messageId and its own ordering key (one application per message), both made as the gateway makes them: the
/// messageId a version-7 GUID (<c>SoapEnvelopeWriter.NewMessageId</c>), the key the conversation id of the
/// application (<c>MonitoringPublisher.ConversationOf</c>: a GUID from a SHA-256, in no order).
/// <para>
/// <c>PR_BENCH_IDS</c> picks other ids, to compare: <c>v4</c> random GUIDs as messageIds (what the bus assigned before
/// session 10), <c>seq</c> the run id and index for both (what this benchmark used before session 10, ids and keys
/// in the order of their arrival, which no store sees in production).
/// </para>
/// </summary>
public static class BenchMessages
{
    public const string ContentType = "application/xml; charset=utf-8";

    private static readonly string Ids = Environment.GetEnvironmentVariable("PR_BENCH_IDS") ?? "bus";

    private const string Template = """
        <statusNotification xmlns="urn:proactive-reissue:monitoring:v1">
          <messageId>{0}</messageId>
          <applicationNumber>{1}</applicationNumber>
          <serviceCode>P1.03</serviceCode>
          <providerBin>260540333000</providerBin>
          <statusCode>IN_PROGRESS</statusCode>
          <statusTextRu>Заявление принято в работу. Разрешение будет переоформлено проактивно, без визита заявителя.</statusTextRu>
          <statusTextKk>Өтініш жұмысқа қабылданды. Рұқсат өтініш берушінің келуінсіз проактивті түрде қайта ресімделеді.</statusTextKk>
          <statusDate>2025-03-14T10:15:30.123+05:00</statusDate>
          <permit><type>GBD-UL-LICENSE</type><number>KZ12LAA0000{2:D5}</number><holderBin>260540{2:D6}</holderBin></permit>
          <comment>benchmark payload, padded to about one kilobyte like a real status with its document data</comment>
        </statusNotification>
        """;

    /// <summary>What <see cref="Create"/> makes its messageIds and keys like: <c>bus</c>, <c>v4</c> or <c>seq</c>.</summary>
    public static string IdKind => Ids;

    public static OutboundMessage Create(string runId, int index, string destination)
    {
        var application = string.Create(CultureInfo.InvariantCulture, $"APP-{runId}-{index:D8}");
        var id = Ids switch
        {
            "seq" => string.Create(CultureInfo.InvariantCulture, $"{runId}-{index:D8}"),
            "v4" => Guid.NewGuid().ToString(),
            _ => Guid.CreateVersion7().ToString(),
        };
        var key = Ids == "seq" ? application : new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("monitoring:" + application)).AsSpan(0, 16)).ToString();
        var payload = Encoding.UTF8.GetBytes(string.Format(CultureInfo.InvariantCulture, Template, id, application, index % 100_000));
        return new OutboundMessage(id, destination, key, ContentType, payload);
    }

    public static OutboundMessage[] CreateMany(string runId, int count, string destination)
    {
        var result = new OutboundMessage[count];
        Parallel.For(0, count, i => result[i] = Create(runId, i, destination));
        return result;
    }
}

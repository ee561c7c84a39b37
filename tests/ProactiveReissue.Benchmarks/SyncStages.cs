using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ProactiveReissue.Gateway.Pki;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Pki;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// The XML and signature work of one sync exchange, stage by stage, in process and on one thread —
/// no HTTP, no journal — with the process CPU time per operation beside one raw RSA-2048 signature
/// measured in the same run. The stages call the same code the gateway's handlers call.
/// </summary>
public static class SyncStages
{
    private const int Rounds = 5;

    public static string Run(int iterations)
    {
        var now = TimeProvider.System.GetUtcNow();
        var root = CertificateFactory.CreateRoot("Stage Root", now.AddDays(-1), now.AddYears(1));
        using var gateway = new SigningCredentials(CertificateFactory.CreateLeaf(root, "Gateway", null, SyntheticIds.From(26_0540_00001), now.AddDays(-1), now.AddYears(1)));
        using var provider = new SigningCredentials(CertificateFactory.CreateLeaf(root, "Provider", null, SyntheticIds.From(26_0540_33300), now.AddDays(-1), now.AddYears(1)));
        using var client = new SigningCredentials(CertificateFactory.CreateLeaf(root, "Bench Client", null, SyntheticIds.From(26_0540_55500), now.AddDays(-1), now.AddYears(1)));
        var limits = XmlLimits.Default;
        var signer = new WsSecuritySigner(gateway);
        var clientVerifier = new WsSecurityVerifier(SignatureAlgorithmSet.Default, new CertificateCollectionResolver([client.Certificate]), TimeProvider.System, TimeSpan.FromMinutes(5));

        var info = new RequestInfo(Guid.NewGuid().ToString(), null, "BENCH", now, null, new Sender("BENCH", "secret"), [], null);
        var holder = SafeXml.LoadString("<data><request xmlns=\"urn:bench\"><iin>850312300013</iin><purpose>benchmark</purpose></request></data>").DocumentElement;
        var requestDocument = SyncMessageWriter.Request(info, holder, SoapEnvelopeWriter.NewBodyId());
        new WsSecuritySigner(client).Sign(requestDocument);
        var requestBytes = SoapEnvelopeWriter.ToBytes(requestDocument);
        var answerBytes = Encoding.UTF8.GetBytes(SignedProviderAnswer.Create(provider, "<answer xmlns=\"urn:bench\"><result>ok</result><iin>850312300013</iin></answer>", now));

        var request = SyncMessageReader.ReadRequest(SoapEnvelopeReader.Read(SafeXml.Load(requestBytes, limits)));
        var answerSoap = SoapEnvelopeReader.Read(SafeXml.Load(answerBytes, limits));
        var response = SyncMessageReader.ReadResponse(answerSoap);
        using var rsa = RSA.Create(2048);
        using var clientKey = client.Certificate.GetRSAPublicKey()!;
        var clientSignedInfo = ExclusiveCanonicalizer.Canonicalize((System.Xml.XmlElement)requestDocument.GetElementsByTagName("SignedInfo", "http://www.w3.org/2000/09/xmldsig#")[0]!);
        var clientSignature = Convert.FromBase64String(requestDocument.GetElementsByTagName("SignatureValue", "http://www.w3.org/2000/09/xmldsig#")[0]!.InnerText);
        var hash = SHA256.HashData("x"u8);

        var stages = new List<(string Name, Func<(double Micros, double Kb)> Measure)>
        {
            ("parse client request (SafeXml.Load + SOAP frame + ReadRequest)", () => Measure(iterations, () => SyncMessageReader.ReadRequest(SoapEnvelopeReader.Read(SafeXml.Load(requestBytes, limits))))),
            ("verify client transport signature (WsSecurityVerifier.Verify, RSA verify included)", () => Measure(iterations, () => clientVerifier.Verify(request.Soap))),
            ("build forwarded request + sign + bytes (RSA sign included)", () => Measure(iterations, () => SoapEnvelopeWriter.ToBytes(Signed(signer, SyncMessageWriter.Request(info, request.Data, SoapEnvelopeWriter.NewBodyId()))))),
            ("parse provider answer (SafeXml.Load + SOAP frame)", () => Measure(iterations, () => SoapEnvelopeReader.Read(SafeXml.Load(answerBytes, limits)))),
            ("verify provider answer (new verifier as ProviderClient does) + ReadResponse", () => Measure(iterations, () =>
            {
                var verifier = new WsSecurityVerifier(SignatureAlgorithmSet.Default, new CertificateCollectionResolver([provider.Certificate]), TimeProvider.System, TimeSpan.FromMinutes(5));
                verifier.Verify(answerSoap);
                return SyncMessageReader.ReadResponse(answerSoap);
            })),
            ("build answer + sign + bytes (RSA sign included)", () => Measure(iterations, () => SoapEnvelopeWriter.ToBytes(Signed(signer, SyncMessageWriter.Response(response.Info, response.Data, SoapEnvelopeWriter.NewBodyId()))))),
            ("four body hashes (SHA-256 hex)", () => Measure(iterations, () => Convert.ToHexStringLower(SHA256.HashData(requestBytes)) + Convert.ToHexStringLower(SHA256.HashData(requestBytes))
                + Convert.ToHexStringLower(SHA256.HashData(answerBytes)) + Convert.ToHexStringLower(SHA256.HashData(answerBytes)))),
            ("  of which: build forwarded request DOM only", () => Measure(iterations, () => SyncMessageWriter.Request(info, request.Data, SoapEnvelopeWriter.NewBodyId()))),
            ("  of which: gateway key SignData only", () => Measure(iterations, () => gateway.ThreadKey.SignData(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))),
            ("  of which: ToBytes of a signed request", () => Measure(iterations, () => SoapEnvelopeWriter.ToBytes(requestDocument))),
            ("  of which: canonicalize a Body", () => Measure(iterations, () => ExclusiveCanonicalizer.Canonicalize(request.Soap.Body))),
            ("  of which: WsSecuritySigner.Sign only", () => MeasureEach(iterations, () => SyncMessageWriter.Request(info, request.Data, SoapEnvelopeWriter.NewBodyId()), d => signer.Sign(d))),
            ("  of which: canonicalize + SignData of a SignedInfo", () => MeasureEach(iterations, () => (System.Xml.XmlElement)requestDocument.GetElementsByTagName("SignedInfo", "http://www.w3.org/2000/09/xmldsig#")[0]!, e => gateway.ThreadKey.SignData(ExclusiveCanonicalizer.Canonicalize(e), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))),
            ("  of which: RSA-2048 verify of the client's SignedInfo", () => Measure(iterations, () => clientKey.VerifyData(clientSignedInfo, clientSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))),
            ("raw RSA-2048 sign (baseline)", () => Measure(iterations, () => rsa.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))),
        };

        // The machine is shared: each stage is measured in several rounds, interleaved, and the lowest
        // round counts (other load only ever adds CPU time).
        var best = stages.Select(_ => double.MaxValue).ToArray();
        var kb = new double[stages.Count];
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < stages.Count; i++)
            {
                var (micros, allocated) = stages[i].Measure();
                best[i] = Math.Min(best[i], micros);
                kb[i] = allocated;
            }
        }

        var rows = stages.Select((stage, i) => (stage.Name, Micros: best[i], Kb: kb[i])).ToList();
        var sign = rows[^1].Micros;
        var total = rows.Take(rows.Count - 1).Where(r => !r.Name.StartsWith(' ')).Sum(r => r.Micros);
        var report = new StringBuilder();
        var totalKb = rows.Take(rows.Count - 1).Where(r => !r.Name.StartsWith(' ')).Sum(r => r.Kb);
        report.AppendLine("| stage | CPU µs per exchange | ÷ one RSA sign | KB allocated |");
        report.AppendLine("| --- | --- | --- | --- |");
        foreach (var (name, micros, allocated) in rows)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {micros:0} | {micros / sign:0.00} | {allocated:0.0} |");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"| all stages | {total:0} | {total / sign:0.00} | {totalKb:0.0} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| all stages less two RSA signs | {total - 2 * sign:0} | {(total - 2 * sign) / sign:0.00} | |");
        return report.ToString();
    }

    private static System.Xml.XmlDocument Signed(WsSecuritySigner signer, System.Xml.XmlDocument document)
    {
        signer.Sign(document);
        return document;
    }

    /// <summary>Process CPU time (all threads, so the GC's share counts) per call, after a warm-up.</summary>
    private static (double Micros, double Kb) Measure<T>(int iterations, Func<T> stage)
    {
        for (var i = 0; i < Math.Max(200, iterations / 10); i++)
        {
            stage();
        }

        GC.Collect();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var before = ProcessCpuNanoseconds();
        for (var i = 0; i < iterations; i++)
        {
            stage();
        }

        return ((ProcessCpuNanoseconds() - before) / 1000.0 / iterations, (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / iterations);
    }

    private static (double Micros, double Kb) MeasureEach<T>(int iterations, Func<T> prepare, Action<T> stage)
    {
        var inputs = Enumerable.Range(0, iterations).Select(_ => prepare()).ToArray();
        foreach (var input in Enumerable.Range(0, 100).Select(_ => prepare()))
        {
            stage(input);
        }

        GC.Collect();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var before = ProcessCpuNanoseconds();
        foreach (var input in inputs)
        {
            stage(input);
        }

        return ((ProcessCpuNanoseconds() - before) / 1000.0 / iterations, (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / iterations);
    }

    /// <summary>CLOCK_PROCESS_CPUTIME_ID: nanosecond resolution, where /proc and Process.TotalProcessorTime count 10 ms ticks.</summary>
    private static long ProcessCpuNanoseconds()
    {
        if (ClockGetTime(2, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed.");
        }

        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

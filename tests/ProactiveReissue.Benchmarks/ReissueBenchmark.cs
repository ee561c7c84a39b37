using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ProactiveReissue.Gateway.Participants;
using ProactiveReissue.Gateway.Pki;
using ProactiveReissue.Shep.Envelope;
using ProactiveReissue.Shep.Pki;
using ProactiveReissue.Shep.Security;
using ProactiveReissue.Shep.Xml;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// The load run of the proactive reissue process: N companies with name changes, pushed through the bus
/// (REISSUE_NAME_CHANGE, signed, requests signed before the clock starts), each driven by the gateway's
/// coordinator (its own process, SQLite case store) through e-license, GBD UL, GBD FL, ZAGS, KDP and BMG
/// to the SMS, against mocks of the state systems in their own process. Each company opens two cases: the
/// eco case goes to AwaitingReply (SMS sent), the trusted-software case ends NoPermit. A warm-up of
/// companies runs first in the same processes; each count gets fresh processes and files.
/// </summary>
public sealed class ReissueBenchmark(string gatewayDll, int warmup, int parallelCases)
{
    private const string Ns = "urn:proactive-reissue:reissue:v1";

    // dotnet run -c Release --project tests/ProactiveReissue.Benchmarks -- reissue [counts=1000,10000] [mocks=wiremock,kestrel] [warmup=1000] [parallelCases=16]
    public static async Task<int> MainAsync(string[] args, string gatewayDll)
    {
        var repoRoot = RepoRoot();
        if (args[0] == "reissue-mock")
        {
            return await ReissueMockServer.RunKestrelChildAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        }

        var counts = (args.Length > 1 ? args[1] : "1000,10000").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var mocks = (args.Length > 2 ? args[2] : "wiremock,kestrel").Split(',');
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var parallel = Arg(4, 16);
        var bench = new ReissueBenchmark(gatewayDll, Arg(3, 1000), parallel);
        var rsa1 = RsaBaseline.SignsPerSecond(1, TimeSpan.FromSeconds(3));
        var signCpuMs = SignCpuMilliseconds();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline: raw RSA-2048 sign {rsa1:0}/s on 1 thread (wall clock), {signCpuMs:0.000} ms of CPU per sign; load average {LoadAverage()}; {parallel} cases at once"));
        Console.WriteLine("| mock | companies | to SMS stage | companies/s | cases/s | gateway CPU per company | same in RSA signs | mock CPU per company | CPU used ÷ 2 cores | gateway peak RSS | load avg before → after |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var slices = new List<string>();
        foreach (var mock in mocks)
        {
            foreach (var count in counts)
            {
                var r = await bench.RunAsync(repoRoot, mock, count);
                slices.Add(string.Create(CultureInfo.InvariantCulture, $"- {r.Mock}, {count:N0} companies: {r.Slices} ms{r.Requests}; CPU-bound ceiling on 2 idle cores (2,000 ms ÷ (gateway + mock CPU per company)): {2000 / ((r.GatewayCpuMs + r.MockCpuMs) / count):0} companies/s"));
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {r.Mock} | {count:N0} | {r.Seconds:0.0} s{(r.Done ? string.Empty : " (NOT ALL: " + r.Funnel + ")")} | {count / r.Seconds:0} | {2 * count / r.Seconds:0} | {r.GatewayCpuMs / count:0.00} ms | {r.GatewayCpuMs / count / signCpuMs:0.0} | {r.MockCpuMs / count:0.00} ms | {(r.GatewayCpuMs + r.MockCpuMs) / 1000 / r.Seconds / Environment.ProcessorCount:0.00} | {r.PeakRssMiB:0} MiB | {r.LoadBefore} → {r.LoadAfter} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("Gateway CPU per company (ms) in each tenth of the measured companies, in the order they reached the SMS stage:");
        slices.ForEach(Console.WriteLine);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"signatures per company in the gateway: one per adapter request (7: one e-license permits call per company; 8 before it was shared) + 1 GBD UL business signature + 1 answer to the notice = 9 RSA-2048 signs = {9 * signCpuMs:0.00} ms of CPU"));
        return 0;
    }

    public async Task<Result> RunAsync(string repoRoot, string mockKind, int count)
    {
        var dir = Directory.CreateTempSubdirectory("pr-reissue-bench-").FullName;
        var now = TimeProvider.System.GetUtcNow();
        var root = CertificateFactory.CreateRoot("Bench Root", now.AddDays(-1), now.AddYears(1));
        var bin = SyntheticIds.From(26_0540_55500);
        using var gatewayCert = new SigningCredentials(CertificateFactory.CreateLeaf(root, "Gateway", null, SyntheticIds.From(26_0540_00001), now.AddDays(-1), now.AddYears(1)));
        using var client = new SigningCredentials(CertificateFactory.CreateLeaf(root, "Bench Client", null, bin, now.AddDays(-1), now.AddYears(1)));
        File.WriteAllText(Path.Combine(dir, "root.pem"), root.ExportCertificatePem());
        File.WriteAllBytes(Path.Combine(dir, "gateway.pfx"), gatewayCert.Certificate.Export(X509ContentType.Pkcs12, "bench"));

        var answers = ReissueMockAnswers.Load(repoRoot);
        using var mock = mockKind == "kestrel"
            ? await ReissueMockServer.StartKestrelAsync(Path.Combine(AppContext.BaseDirectory, "ProactiveReissue.Benchmarks.dll"), repoRoot)
            : await ReissueMockServer.StartWireMockAsync(repoRoot, answers, dir);
        var password = Guid.NewGuid().ToString("N");
        var settingsPath = Path.Combine(dir, "settings.json");
        File.WriteAllText(settingsPath, JsonSerializer.Serialize(Settings(dir, bin, password, mock.BaseUrl, parallelCases)));

        var bins = ReissueMockAnswers.Bins(warmup + count);
        var notices = Sign(bins, client, password);
        var gateway = await GatewayProcess.StartAsync(gatewayDll, settingsPath, FreePort());
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 });
            var url = gateway.BaseUrl + "/bip-sync-wss-gost/";

            await SendAsync(http, url, notices[..warmup]);
            await WaitAsync(http, gateway.BaseUrl, warmup, TimeSpan.FromSeconds(120));
            var loadBefore = LoadAverage();
            var gatewayCpu = gateway.CpuSeconds();
            var mockCpu = mock.CpuSeconds();
            var requestsBefore = await mock.RequestsAsync(http);
            var clock = Stopwatch.StartNew();
            var waiting = WaitAsync(http, gateway.BaseUrl, warmup + count, TimeSpan.FromSeconds(Math.Max(120, count / 10)), gateway, warmup);
            await SendAsync(http, url, notices[warmup..]);
            var (done, funnel, slices) = await waiting;
            var seconds = clock.Elapsed.TotalSeconds;
            var result = new Result(mock.Kind, seconds, done, funnel, (gateway.CpuSeconds() - gatewayCpu) * 1000, (mock.CpuSeconds() - mockCpu) * 1000, gateway.Memory().Peak, loadBefore, LoadAverage(), SliceCosts(slices, gatewayCpu));
            var requests = (await mock.RequestsAsync(http)).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {(double)(r.Value - requestsBefore.GetValueOrDefault(r.Key)) / count:0.00}"));
            return result with { Requests = requests.Any() ? "; mock requests per company: " + string.Join(", ", requests) : string.Empty };
        }
        finally
        {
            gateway.Dispose();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static object Settings(string dir, string bin, string password, string mockUrl, int parallelCases) => new
    {
        Serilog = new { MinimumLevel = new { Default = "Warning" } },
        Adapters = new[] { "GbdFl", "Zags", "GbdUl", "Bmg", "ELicense", "Sms", "Kdp", "Sdu" }.ToDictionary(s => s, s => (object)new
        {
            Endpoint = $"{mockUrl}/{s.ToLowerInvariant()}",
            SigningCertificatePath = Path.Combine(dir, "gateway.pfx"),
            SigningCertificatePassword = "bench",
            RequestorBin = bin,
        }),
        Gateway = new
        {
            Pki = new { Directory = dir, AutoCreate = false },
            Signing = new { CertificatePath = Path.Combine(dir, "gateway.pfx"), CertificatePassword = "bench" },
            Trust = new { RootCertificates = new[] { Path.Combine(dir, "root.pem") } },
            Participants = new[] { new { SenderId = "BENCH", PasswordHash = PasswordHasher.Hash(password), Bin = bin, Services = new[] { "REISSUE_NAME_CHANGE" } } },
            Store = new { SqlitePath = Path.Combine(dir, "gateway.db"), AsyncSqlitePath = Path.Combine(dir, "async.db") },
            Queue = new { SqlitePath = Path.Combine(dir, "queue.db") },
            Reissue = new { Enabled = true, SqlitePath = Path.Combine(dir, "cases.db"), PollSeconds = 1, FeedPollMinutes = 0, MaxParallelCases = parallelCases },
        },
    };

    private static byte[][] Sign(List<string> bins, SigningCredentials client, string password)
    {
        var result = new byte[bins.Count][];
        Parallel.For(0, bins.Count, i =>
        {
            var info = new RequestInfo(Guid.NewGuid().ToString(), null, "REISSUE_NAME_CHANGE", TimeProvider.System.GetUtcNow(), null, new Sender("BENCH", password), [], null);
            var data = SafeXml.LoadString($"<data><nameChange xmlns=\"{Ns}\"><noticeId>load-{bins[i]}</noticeId><bin>{bins[i]}</bin></nameChange></data>").DocumentElement;
            var document = SyncMessageWriter.Request(info, data, SoapEnvelopeWriter.NewBodyId());
            new WsSecuritySigner(client).Sign(document);
            result[i] = SoapEnvelopeWriter.ToBytes(document);
        });
        return result;
    }

    /// <summary>Posts the notices with 16 clients; every one must be answered with the case ids opened.</summary>
    private static async Task SendAsync(HttpClient http, string url, byte[][] bodies)
    {
        var next = -1;
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                using var content = new ByteArrayContent(bodies[i]);
                content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
                using var response = await http.PostAsync(url, content);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK || !text.Contains("<opened>2</opened>", StringComparison.Ordinal))
                {
                    if (Interlocked.Increment(ref failures) <= 3)
                    {
                        Console.Error.WriteLine($"notice not accepted: HTTP {(int)response.StatusCode} {text[..Math.Min(600, text.Length)]}");
                    }
                }
            }
        }));
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} of {bodies.Length} notices were not accepted.");
        }
    }

    /// <summary>
    /// Until `companies` eco cases wait for a reply (SMS sent) and as many trusted-software cases ended NoPermit.
    /// With a gateway, notes its CPU each time another tenth of the measured companies reached the SMS
    /// stage, so the cost per company can be compared across the run (does it grow with the store?).
    /// </summary>
    private static async Task<(bool Done, string Funnel, List<(int Companies, double CpuSeconds)> Slices)> WaitAsync(
        HttpClient http, string baseUrl, int companies, TimeSpan limit, GatewayProcess? gateway = null, int from = 0)
    {
        var clock = Stopwatch.StartNew();
        var funnel = string.Empty;
        var slices = new List<(int, double)>();
        var step = Math.Max(1, (companies - from) / 10);
        while (clock.Elapsed < limit)
        {
            funnel = await http.GetStringAsync(baseUrl + "/admin/reissue/funnel");
            using var json = JsonDocument.Parse(funnel);
            int Count(string state) => json.RootElement.TryGetProperty(state, out var v) ? v.GetInt32() : 0;
            var awaiting = Count("AwaitingReply");
            if (gateway is not null && awaiting - from >= (slices.Count + 1) * step)
            {
                slices.Add((awaiting - from, gateway.CpuSeconds()));
            }

            if (awaiting >= companies && Count("NoPermit") >= companies)
            {
                return (true, funnel, slices);
            }

            await Task.Delay(250);
        }

        return (false, funnel, slices);
    }

    /// <summary>Gateway CPU ms per company in each tenth of the run: "first tenth … last tenth".</summary>
    private static string SliceCosts(List<(int Companies, double CpuSeconds)> slices, double cpuAtStart)
    {
        var costs = new List<string>();
        var (companies, cpu) = (0, cpuAtStart);
        foreach (var (n, c) in slices)
        {
            if (n > companies)
            {
                costs.Add(((c - cpu) * 1000 / (n - companies)).ToString("0.0", CultureInfo.InvariantCulture));
            }

            (companies, cpu) = (n, c);
        }

        return string.Join(" ", costs);
    }

    /// <summary>CPU time (not wall time: the machine is shared) of one RSA-2048 PKCS#1 SHA-256 signature, over 2,000 on this thread.</summary>
    private static double SignCpuMilliseconds()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var hash = System.Security.Cryptography.SHA256.HashData("baseline"u8);
        for (var i = 0; i < 100; i++)
        {
            rsa.SignHash(hash, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        }

        var before = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < 2_000; i++)
        {
            rsa.SignHash(hash, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        }

        return (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / 2_000;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProactiveReissue.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository (ProactiveReissue.sln not found above " + AppContext.BaseDirectory + ").");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public sealed record Result(string Mock, double Seconds, bool Done, string Funnel, double GatewayCpuMs, double MockCpuMs, double PeakRssMiB, string LoadBefore, string LoadAfter, string Slices, string Requests = "");
}

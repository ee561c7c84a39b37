using System.Globalization;
using ProactiveReissue.Benchmarks;

// dotnet run -c Release --project tests/ProactiveReissue.Benchmarks -- sync [requests] [concurrency] [warmup]
// dotnet run -c Release --project tests/ProactiveReissue.Benchmarks -- sync-floor [requests] [concurrency] [warmup]
// dotnet run -c Release --project tests/ProactiveReissue.Benchmarks -- sync-stages [iterations]
// dotnet run -c Release --project tests/ProactiveReissue.Benchmarks -- queue [enqueues] [drain] [memoryBacklog] [memorySeconds]
// dotnet run -c Release --project tests/ProactiveReissue.Benchmarks -- reissue [counts=1000,10000] [mocks=wiremock,kestrel] [warmup=500]
// dotnet run -c Release --project tests/ProactiveReissue.Benchmarks -- redis [messages] [clients,clients,…] [poolSize,poolSize,…]
// dotnet run -c Release --project tests/ProactiveReissue.Benchmarks -- journal-seed PATH [exchanges]: a past journal for PR_BENCH_JOURNAL_SEED
var mode = args.FirstOrDefault() ?? "sync";
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
// PR_BENCH_GATEWAY_DLL: another build of the gateway to run against (A/B comparisons in one sitting).
var gatewayDll = Environment.GetEnvironmentVariable("PR_BENCH_GATEWAY_DLL") ?? Path.Combine(AppContext.BaseDirectory, "ProactiveReissue.Gateway.dll");
switch (mode)
{
    case "sync":
        Console.WriteLine("| measure | value |");
        Console.WriteLine("| --- | --- |");
        Console.Write(await new SyncBenchmark(Arg(1, 10_000), Arg(2, 16), gatewayDll, Arg(3, 1_000)).RunAsync());
        return 0;
    case "sync-floor":
        Console.WriteLine("| measure | value |");
        Console.WriteLine("| --- | --- |");
        Console.Write(await new SyncBenchmark(Arg(1, 10_000), Arg(2, 16), gatewayDll, Arg(3, 1_000), floor: true).RunAsync());
        return 0;
    case FloorGateway.Mode:
        return await FloorGateway.RunAsync(args);
    case "sync-stages":
        Console.Write(SyncStages.Run(Arg(1, 2_000)));
        return 0;
    case "queue":
        var report = await new QueueBenchmark(Arg(1, 200_000), Arg(2, 100_000), Arg(3, 1_000_000), Arg(4, 40)).RunAsync();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("| --- | --- |");
        Console.Write(report);
        return 0;
    case "reissue" or "reissue-mock":
        return await ReissueBenchmark.MainAsync(args, gatewayDll);
    case "redis":
        var clients = (args.Length > 2 ? args[2] : "64,16,4").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var pools = (args.Length > 3 ? args[3] : "2").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var redisReport = await new RedisBenchmark(Arg(1, 100_000), clients, pools).RunAsync();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("| --- | --- |");
        Console.Write(redisReport);
        return 0;
    case "journal-seed":
        Console.WriteLine(await JournalSeed.CreateAsync(args[1], Arg(2, 1_000_000)));
        return 0;
    case "queue-memory-child":
        return await QueueMemoryBenchmark.ChildAsync(args[1], Arg(2, 40));
    default:
        Console.Error.WriteLine("usage: sync [requests] [concurrency] [warmup] | sync-floor [requests] [concurrency] [warmup] | queue [enqueues] [drain] [memoryBacklog] [memorySeconds] | redis [messages] [clients,…] [poolSizes,…] | reissue [counts] [mocks] [warmup] | sync-stages [iterations]");
        return 2;
}

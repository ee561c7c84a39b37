using System.Globalization;
using ProactiveReissue.Benchmarks;

// dotnet run -c Release --project tests/ProactiveReissue.Benchmarks -- sync [requests] [concurrency]
var mode = args.FirstOrDefault() ?? "sync";
var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
var gatewayDll = Path.Combine(AppContext.BaseDirectory, "ProactiveReissue.Gateway.dll");
switch (mode)
{
    case "sync":
        Console.WriteLine("| measure | value |");
        Console.WriteLine("| --- | --- |");
        Console.Write(await new SyncBenchmark(requests, concurrency, gatewayDll).RunAsync());
        return 0;
    default:
        Console.Error.WriteLine("usage: sync [requests] [concurrency]");
        return 2;
}

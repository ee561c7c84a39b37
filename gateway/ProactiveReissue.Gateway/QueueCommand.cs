using System.Globalization;
using System.Net.Http.Json;
using ProactiveReissue.Queue.Sqlite;
using ProactiveReissue.Shep.Time;

namespace ProactiveReissue.Gateway;

/// <summary>
/// `queue` verbs for operators:
///   queue status        [--url http://127.0.0.1:8080 | --db data/queue.db]
///   queue dead-letters  [--url … | --db …] [--max 100]
///   queue replay SEQ    [--url … | --db …]
/// With --url the running gateway's admin API does it (X-Admin-Key from $GATEWAY_ADMIN_KEY);
/// with --db the SQLite file is opened directly — only while the gateway is stopped.
/// </summary>
public static class QueueCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length > 1 ? args[1] : "status";
        var url = Option(args, "--url");
        var max = int.Parse(Option(args, "--max") ?? "100", CultureInfo.InvariantCulture);
        if (url is not null)
        {
            return await ViaAdminApiAsync(verb, url.TrimEnd('/'), args, max).ConfigureAwait(false);
        }

        await using var store = new SqliteQueueStore(Option(args, "--db") ?? "data/queue.db", TimeProvider.System);
        switch (verb)
        {
            case "status":
                Console.WriteLine($"backlog: {await store.BacklogAsync(default).ConfigureAwait(false)}");
                return 0;
            case "dead-letters":
                foreach (var d in await store.DeadLettersAsync(max, default).ConfigureAwait(false))
                {
                    Console.WriteLine($"{d.Sequence}\t{d.MessageId}\t{d.Destination}\tkey={d.OrderingKey}\tenqueued={LocalClock.Format(d.EnqueuedAt)}\tattempts={d.Attempts}\t{d.Reason}");
                }

                return 0;
            case "replay" when args.Length > 2 && long.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence):
                var replayed = await store.ReplayAsync(sequence, default).ConfigureAwait(false);
                Console.WriteLine(replayed ? $"dead letter {sequence} is back in the queue" : $"there is no dead letter {sequence}");
                return replayed ? 0 : 1;
            default:
                Console.Error.WriteLine("usage: queue status|dead-letters|replay SEQ [--url URL | --db FILE] [--max N]");
                return 2;
        }
    }

    private static async Task<int> ViaAdminApiAsync(string verb, string url, string[] args, int max)
    {
        using var http = new HttpClient();
        var key = Environment.GetEnvironmentVariable("GATEWAY_ADMIN_KEY");
        if (!string.IsNullOrEmpty(key))
        {
            http.DefaultRequestHeaders.Add("X-Admin-Key", key);
        }

        using var response = verb switch
        {
            "status" => await http.GetAsync(new Uri(url + "/admin/queue")).ConfigureAwait(false),
            "dead-letters" => await http.GetAsync(new Uri($"{url}/admin/queue/dead-letters?max={max}")).ConfigureAwait(false),
            "replay" when args.Length > 2 => await http.PostAsync(new Uri($"{url}/admin/queue/dead-letters/{args[2]}/replay"), null).ConfigureAwait(false),
            _ => null,
        };
        if (response is null)
        {
            Console.Error.WriteLine("usage: queue status|dead-letters|replay SEQ [--url URL | --db FILE] [--max N]");
            return 2;
        }

        Console.WriteLine(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return response.IsSuccessStatusCode ? 0 : 1;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

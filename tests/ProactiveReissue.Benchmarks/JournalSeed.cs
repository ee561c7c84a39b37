using System.Diagnostics;
using System.Globalization;
using ProactiveReissue.Gateway.Journal;

namespace ProactiveReissue.Benchmarks;

/// <summary>
/// A journal as a gateway leaves it after a while in production, for the sync benchmark to start on
/// (<c>PR_BENCH_JOURNAL_SEED</c>): the four rows of each past exchange as <c>SyncExchange</c> and <c>ProviderClient</c>
/// write them, each with the client's random messageId, dated over the past 30 days so that none is in the replay window.
/// </summary>
public static class JournalSeed
{
    public static async Task<string> CreateAsync(string path, int exchanges)
    {
        var clock = Stopwatch.StartNew();
        var start = TimeProvider.System.GetUtcNow().AddDays(-30);
        var step = TimeSpan.FromDays(29) / Math.Max(1, exchanges);
        await using (var journal = new SqliteMessageJournal(path))
        {
            const int Batch = 250;
            for (var first = 0; first < exchanges; first += Batch * 8)
            {
                var writes = new List<Task>();
                for (var b = first; b < Math.Min(exchanges, first + (Batch * 8)); b += Batch)
                {
                    var lines = new List<JournalEntry>(Batch * 4);
                    for (var i = b; i < Math.Min(exchanges, b + Batch); i++)
                    {
                        lines.AddRange(Exchange(start + (step * i)));
                    }

                    writes.Add(journal.AppendAsync(lines, CancellationToken.None));
                }

                await Task.WhenAll(writes);
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{exchanges:N0} exchanges ({exchanges * 4L:N0} rows) in {clock.Elapsed.TotalSeconds:0} s; {new FileInfo(path).Length / 1048576.0:N0} MiB");
    }

    private static JournalEntry[] Exchange(DateTimeOffset at)
    {
        var client = Guid.NewGuid().ToString();
        var session = Guid.CreateVersion7(at).ToString("B");
        var hash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var request = new JournalEntry(JournalHops.In, JournalHops.ClientRequest, "soap", client, null, session, "BENCH", "BENCH", "127.0.0.1", at, JournalHops.Ok, null, 4_200, hash);
        return
        [
            request,
            request with { Direction = JournalHops.Out, Hop = JournalHops.ProviderRequest, Peer = "http://127.0.0.1:5000/provider", Size = 4_600 },
            request with { Direction = JournalHops.In, Hop = JournalHops.ProviderResponse, Peer = "http://127.0.0.1:5000/provider", Size = 4_400 },
            request with { Direction = JournalHops.Out, Hop = JournalHops.ClientResponse, Size = 4_800 },
        ];
    }
}

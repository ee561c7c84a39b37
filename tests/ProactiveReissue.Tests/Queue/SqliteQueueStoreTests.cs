using System.Text;
using ProactiveReissue.Queue;
using ProactiveReissue.Queue.Sqlite;

namespace ProactiveReissue.Tests.Queue;

public sealed class SqliteQueueStoreTests : QueueStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-queue-").FullName;
    private int _stores;

    protected override Task<IQueueStore> CreateAsync(long maxBacklog) =>
        Task.FromResult<IQueueStore>(new SqliteQueueStore(Path.Combine(_directory, $"queue{++_stores}.db"), Time, maxBacklog));

    [Fact]
    public async Task Reopen_AfterEnqueue_KeepsEveryMessageAndTheBacklog()
    {
        var path = Path.Combine(_directory, "reopen.db");
        await using (var first = new SqliteQueueStore(path, Time))
        {
            await first.EnqueueAsync([Message("a", "1"), Message("b", "2")], default);
            await first.LeaseAsync("crashed-worker", 10, TimeSpan.FromMinutes(1), default);
        }

        await using var second = new SqliteQueueStore(path, Time);
        Time.Advance(TimeSpan.FromMinutes(2));
        var leased = await second.LeaseAsync("w2", 10, TimeSpan.FromMinutes(1), default);

        Assert.Equal(2, await second.BacklogAsync(default));
        Assert.Equal(["a", "b"], leased.Select(m => m.Message.MessageId));
        Assert.Equal("<m id=\"a\"/>", Encoding.UTF8.GetString(leased[0].Message.Payload.Span));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

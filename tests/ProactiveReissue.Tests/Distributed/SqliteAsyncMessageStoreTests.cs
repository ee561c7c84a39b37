using Microsoft.Data.Sqlite;
using ProactiveReissue.Gateway.Async;
using ProactiveReissue.Gateway.Storage;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>The asynchronous message store contract on a real SQLite file.</summary>
public sealed class SqliteAsyncMessageStoreTests : AsyncMessageStoreContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-async-").FullName;
    private SqliteWriter? _writer;

    protected override Task<IAsyncMessageStore> CreateAsync()
    {
        _writer = new SqliteWriter(Path.Combine(_directory, "async.db"), AsyncMessageStore.Schema);
        return Task.FromResult<IAsyncMessageStore>(new AsyncMessageStore(_writer));
    }

    public override async Task DisposeAsync()
    {
        await _writer!.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

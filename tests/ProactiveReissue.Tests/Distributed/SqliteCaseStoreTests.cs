using Microsoft.Data.Sqlite;
using ProactiveReissue.Reissue.Cases;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>The case store contract on a real SQLite file.</summary>
public sealed class SqliteCaseStoreTests : CaseStoreContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-casestore-").FullName;

    protected override Task<ICaseStore> CreateAsync() => Task.FromResult<ICaseStore>(new SqliteCaseStore(Path.Combine(_directory, "cases.db")));

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

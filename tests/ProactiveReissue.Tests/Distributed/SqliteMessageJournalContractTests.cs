using Microsoft.Data.Sqlite;
using ProactiveReissue.Gateway.Journal;

namespace ProactiveReissue.Tests.Distributed;

/// <summary>The journal contract on a real SQLite file.</summary>
public sealed class SqliteMessageJournalContractTests : MessageJournalContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pr-journal-").FullName;
    private SqliteMessageJournal? _journal;

    protected override Task<IMessageJournal> CreateAsync() => Task.FromResult<IMessageJournal>(_journal = new SqliteMessageJournal(Path.Combine(_directory, "journal.db")));

    public override async Task DisposeAsync()
    {
        await _journal!.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

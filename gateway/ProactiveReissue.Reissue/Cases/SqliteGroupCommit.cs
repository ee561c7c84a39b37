using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace ProactiveReissue.Reissue.Cases;

/// <summary>
/// One writer for a SQLite file: writes queued by many cases at once are committed together, in one
/// transaction and one fsync, and each caller's task completes only after that commit (durable on
/// return, as before). Without it, concurrent writers on separate connections wait for SQLite's write
/// lock in the busy handler's sleeps and pay one fsync each. If a batch fails, its writes are retried one
/// by one, so only the write at fault fails.
/// </summary>
internal sealed class SqliteGroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<SqliteConnection> _open;
    private readonly Task _loop;

    public SqliteGroupCommit(Func<SqliteConnection> open)
    {
        _open = open;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Runs <paramref name="apply"/> inside the next commit; returns its result once committed.</summary>
    public Task<bool> WriteAsync(Func<SqliteConnection, SqliteTransaction, Task<bool>> apply, CancellationToken cancellationToken)
    {
        var pending = new Pending(apply, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteCaseStore), "The case store is closed.");
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var results = await CommitAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var one in batch)
                {
                    await CommitAloneAsync(one).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }
        }
    }

    private async Task CommitAloneAsync(Pending one)
    {
        try
        {
            one.Done.TrySetResult((await CommitAsync([one]).ConfigureAwait(false))[0]);
        }
        catch (Exception ex)
        {
            one.Done.TrySetException(ex);
        }
    }

    private async Task<bool[]> CommitAsync(List<Pending> batch)
    {
        await using var connection = _open();
        await using var transaction = connection.BeginTransaction();
        var results = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = await batch[i].Apply(connection, transaction).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return results;
    }

    private sealed record Pending(Func<SqliteConnection, SqliteTransaction, Task<bool>> Apply, TaskCompletionSource<bool> Done);
}

using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace ProactiveReissue.Reissue.Cases;

/// <summary>
/// One writer for a SQLite file: writes queued by many cases at once are committed together, in one
/// transaction and one fsync, and each caller's task completes only after that commit (durable on
/// return, as before). Without it, concurrent writers on separate connections wait for SQLite's write
/// lock in the busy handler's sleeps and pay one fsync each. If a batch fails, its writes are retried one
/// by one, so only the write at fault fails. The writer keeps one connection with its prepared statements
/// (<see cref="SqliteSession"/>); after a failure it opens a new one.
/// </summary>
internal sealed class SqliteGroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<SqliteConnection> _open;
    private readonly Task _loop;
    private SqliteSession? _session;

    public SqliteGroupCommit(Func<SqliteConnection> open)
    {
        _open = open;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Runs <paramref name="apply"/> inside the next commit; returns its result once committed.</summary>
    public Task<bool> WriteAsync(Func<SqliteSession, bool> apply, CancellationToken cancellationToken)
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
        _session?.Dispose();
        _session = null;
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
                var results = Commit(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var one in batch)
                {
                    CommitAlone(one);
                }
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }
        }
    }

    private void CommitAlone(Pending one)
    {
        try
        {
            one.Done.TrySetResult(Commit([one])[0]);
        }
        catch (Exception ex)
        {
            one.Done.TrySetException(ex);
        }
    }

    /// <summary>One transaction for the batch. On any failure the session is dropped (rolled back, closed) and the next commit opens a new one.</summary>
    private bool[] Commit(List<Pending> batch)
    {
        var session = _session ??= new SqliteSession(_open());
        try
        {
            using var transaction = session.Begin();
            var results = new bool[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = batch[i].Apply(session);
            }

            transaction.Commit();
            return results;
        }
        catch
        {
            _session = null;
            session.Dispose();
            throw;
        }
    }

    private sealed record Pending(Func<SqliteSession, bool> Apply, TaskCompletionSource<bool> Done);
}

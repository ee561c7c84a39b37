using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ProactiveReissue.Reissue.Cases;

/// <summary>
/// Read sessions kept open with their prepared SELECTs, so a case read binds a value instead of opening a connection
/// and parsing the statement each time. At most <see cref="MaxIdle"/> wait idle; a session that failed is not returned.
/// </summary>
internal sealed class SqliteSessionPool(Func<SqliteConnection> open) : IDisposable
{
    public const int MaxIdle = 8;
    private readonly ConcurrentBag<SqliteSession> _idle = [];
    private int _idleCount;
    private bool _disposed;

    public SqliteSession Rent()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        if (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            return session;
        }

        return new SqliteSession(open());
    }

    public void Return(SqliteSession session)
    {
        if (Volatile.Read(ref _disposed) || Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            session.Dispose();
            return;
        }

        _idle.Add(session);
        if (Volatile.Read(ref _disposed) && _idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }
}

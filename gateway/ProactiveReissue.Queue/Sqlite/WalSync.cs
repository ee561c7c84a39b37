using System.Runtime.InteropServices;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// A handle on a database's -wal file, only ever used to make it durable (nothing is written through it). The
/// owner commits at synchronous=NORMAL (SQLite writes the commit's frames and returns without an fsync) and calls
/// <see cref="Sync"/> before it acknowledges anything of that commit: the sync a commit at synchronous=FULL makes.
/// That is sound because the frames of a commit are in the file (page cache) when the commit returns; a checkpoint
/// syncs the WAL before copying it and the database after; a restarted WAL's header is synced before new frames go
/// into it (SQLite does both at NORMAL); and SQLite deletes the WAL only when the last connection closes, while the
/// owner's write connection stays open as long as this handle is used.
/// </summary>
public sealed class WalSync : IDisposable
{
    private readonly FileStream _wal;

    public WalSync(string databasePath)
    {
        _wal = new FileStream(Path.GetFullPath(databasePath) + "-wal", new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
        });
    }

    /// <summary>
    /// fdatasync on Linux: the WAL's frames and what is needed to read them back (its size, its blocks) reach the
    /// disk, without a synchronous write of the inode for its modification time, as a full fsync makes — the call
    /// PostgreSQL uses for its WAL on Linux. Elsewhere (or if the call is missing) a full fsync.
    /// </summary>
    /// <exception cref="IOException">The sync failed: what the page cache holds may never reach the disk.</exception>
    public void Sync()
    {
        if (!OperatingSystem.IsLinux())
        {
            _wal.Flush(flushToDisk: true);
            return;
        }

        var handle = _wal.SafeFileHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (Fdatasync((int)handle.DangerousGetHandle()) != 0)
            {
                throw new IOException($"fdatasync of the SQLite WAL failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    public void Dispose() => _wal.Dispose();

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static extern int Fdatasync(int fd);
}

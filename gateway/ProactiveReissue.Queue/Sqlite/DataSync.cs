using System.Runtime.InteropServices;

namespace ProactiveReissue.Queue.Sqlite;

/// <summary>
/// A handle on a file of a SQLite database, only ever used to make it durable (nothing is written through it).
/// <see cref="Wal"/>: the -wal file. The
/// owner commits at synchronous=NORMAL (SQLite writes the commit's frames and returns without an fsync) and calls
/// <see cref="Sync"/> before it acknowledges anything of that commit: the sync a commit at synchronous=FULL makes.
/// That is sound because the frames of a commit are in the file (page cache) when the commit returns; a checkpoint
/// syncs the WAL before copying it and the database after; a restarted WAL's header is synced before new frames go
/// into it (SQLite does both at NORMAL); and SQLite deletes the WAL only when the last connection closes, while the
/// owner's write connection stays open as long as this handle is used.
/// <see cref="File"/>: any file by its path; <see cref="WalCheckpointer"/> syncs the WAL and the database itself
/// around every copy it makes.
/// </summary>
public sealed class DataSync : IDisposable
{
    private readonly FileStream? _file;
    private readonly string _path;
    private readonly Action<string>? _replacement;

    private DataSync(string filePath, Action<string>? replacement)
    {
        (_path, _replacement) = (filePath, replacement);
        if (replacement is not null)
        {
            return;
        }

        _file = new FileStream(filePath, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
        });
    }

    /// <summary>The database's -wal file (created if SQLite has not yet).</summary>
    /// <param name="replacement">Called with the file's path instead of syncing it (tests make it fail).</param>
    public static DataSync Wal(string databasePath, Action<string>? replacement = null) => new(Path.GetFullPath(databasePath) + "-wal", replacement);

    /// <summary>A file of the database by its own path (the database file, or its -wal).</summary>
    public static DataSync File(string path) => new(Path.GetFullPath(path), null);

    /// <summary>
    /// fdatasync on Linux: the file's data and what is needed to read it back (its size, its blocks) reach the
    /// disk, without a synchronous write of the inode for its modification time, as a full fsync makes — the call
    /// PostgreSQL uses for its WAL on Linux. Elsewhere (or if the call is missing) a full fsync.
    /// </summary>
    /// <exception cref="IOException">The sync failed: what the page cache holds may never reach the disk.</exception>
    public void Sync()
    {
        if (_replacement is not null || _file is null)
        {
            _replacement?.Invoke(_path);
            return;
        }

        if (!OperatingSystem.IsLinux())
        {
            _file.Flush(flushToDisk: true);
            return;
        }

        var handle = _file.SafeFileHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (Fdatasync((int)handle.DangerousGetHandle()) != 0)
            {
                throw new IOException($"fdatasync of {_path} failed (errno {Marshal.GetLastPInvokeError()})");
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

    public void Dispose() => _file?.Dispose();

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static extern int Fdatasync(int fd);
}

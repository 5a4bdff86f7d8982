namespace GameServer.Storage.LiteDb;

/// <summary>
/// Keeps a second process off a database file that one already has open. LiteDB's own file sharing
/// does not: on Linux .NET's FileShare becomes an advisory shared <c>flock</c>, so two processes could
/// both open the file and overwrite each other's pages. This holds an exclusive lock on a file beside
/// it (<c>game.db</c> has <c>game.db.lock</c>) for as long as the database is open; the lock goes with
/// the process, even on SIGKILL. The file itself stays: deleting it could let two holders lock two files.
/// </summary>
public sealed class DatabaseFileLock : IDisposable
{
    private readonly FileStream _lock;

    private DatabaseFileLock(FileStream held) => _lock = held;

    /// <summary>The lock file of <paramref name="databasePath"/>.</summary>
    public static string LockFilePath(string databasePath) => databasePath + ".lock";

    /// <summary>Locks <paramref name="databasePath"/> for this process, or throws <see cref="DatabaseInUseException"/>.</summary>
    public static DatabaseFileLock Acquire(string databasePath)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        var path = LockFilePath(databasePath);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return new DatabaseFileLock(new FileStream(path, options));
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new DatabaseInUseException(databasePath);
        }
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>Another process (a running server) has the database file open.</summary>
public sealed class DatabaseInUseException(string databasePath)
    : IOException($"{databasePath} is in use by another process (a running server?)")
{
    public string DatabasePath { get; } = databasePath;
}

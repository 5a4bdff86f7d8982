namespace GameServer.Storage.LiteDb;

public sealed partial class GameDatabase
{
    /// <summary>
    /// Writes a consistent copy of the database to <paramref name="targetPath"/> (created owner-only)
    /// while the server keeps running: a checkpoint brings every acknowledged write into the data file,
    /// then the file is copied while a transaction held open on this thread keeps LiteDB from
    /// checkpointing again. A checkpoint is the only time LiteDB writes the data file, so the copy is
    /// the file exactly as that checkpoint left it; writers carry on meanwhile, into the log. The copy
    /// is one file with no log beside it.
    /// </summary>
    public void BackupTo(string targetPath)
    {
        ArgumentNullException.ThrowIfNull(targetPath);
        if (string.Equals(System.IO.Path.GetFullPath(targetPath), FilePath, StringComparison.Ordinal))
        {
            throw new ArgumentException("a backup cannot overwrite the database it copies", nameof(targetPath));
        }

        // LiteDB binds transactions to the thread: everything below stays synchronous, on this one.
        _database.Checkpoint();
        _database.BeginTrans();
        try
        {
            using var source = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var target = CreateOwnerOnlyFile(targetPath);
            source.CopyTo(target);
            target.Flush(flushToDisk: true);
        }
        finally
        {
            _database.Rollback();
        }

        LogBackedUp(FilePath, targetPath);
    }

    private static FileStream CreateOwnerOnlyFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    [LoggerMessage(LogLevel.Information, "Backed up database {Path} to {Target}")]
    private partial void LogBackedUp(string path, string target);
}

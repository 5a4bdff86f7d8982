namespace GameServer.Storage.Backup;

/// <summary>
/// Where a running server can be asked for a backup of its database: a file beside it
/// (<c>game.db</c> has <c>game.db.server</c>), owner-only, holding the server's address on the first
/// line and its <see cref="BackupKey"/> on the second. Written once the server listens and deleted
/// when it stops; it is only believed while the database's lock is held (<see cref="LiteDb.DatabaseFileLock"/>).
/// </summary>
public sealed record RunningServerFile(Uri Address, string Key)
{
    /// <summary>The file of <paramref name="databasePath"/>.</summary>
    public static string PathOf(string databasePath) => databasePath + ".server";

    /// <summary>Writes the file for <paramref name="databasePath"/>, replacing any earlier one at once.</summary>
    public void Write(string databasePath)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        var path = PathOf(databasePath);
        var partial = $"{path}.{Environment.ProcessId}";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(new FileStream(partial, options)))
        {
            writer.Write($"{Address}\n{Key}\n");
        }

        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The file of <paramref name="databasePath"/>, or null when there is none or it is not whole.</summary>
    public static RunningServerFile? Read(string databasePath)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(PathOf(databasePath));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return lines.Length >= 2 && Uri.TryCreate(lines[0], UriKind.Absolute, out var address) && lines[1].Length > 0
            ? new RunningServerFile(address, lines[1])
            : null;
    }

    /// <summary>Deletes the file of <paramref name="databasePath"/>, if any.</summary>
    public static void Delete(string databasePath) => File.Delete(PathOf(databasePath));

    /// <summary>
    /// The address a local client reaches the server at, out of the ones it listens on: plain HTTP
    /// first, and a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>) as loopback.
    /// </summary>
    public static Uri? LocalAddress(IEnumerable<string> listening)
    {
        ArgumentNullException.ThrowIfNull(listening);
        var candidates = listening
            .Select(a => a.Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal))
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .OrderBy(uri => uri.Scheme == Uri.UriSchemeHttp ? 0 : 1)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var chosen = candidates[0];
        var host = chosen.Host switch
        {
            "0.0.0.0" => "127.0.0.1",
            "[::]" or "::" => "[::1]",
            var other => other,
        };
        return new UriBuilder(chosen) { Host = host, Path = "/" }.Uri;
    }
}

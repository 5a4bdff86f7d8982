using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Options;

namespace GameServer.Storage.LiteDb;

/// <summary>
/// The one LiteDB file of the server. Features' stores get their collections here and group writes
/// into transactions; nothing outside Storage/ and the stores sees LiteDB types.
/// </summary>
public sealed partial class GameDatabase : IDatabaseHealth, IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly DatabaseFileLock _fileLock;
    private readonly LiteDatabase _database;
    private readonly ILogger<GameDatabase> _logger;

    public GameDatabase(IOptions<StorageOptions> options, ILogger<GameDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        FilePath = System.IO.Path.GetFullPath(options.Value.Path);
        CreateOwnerOnly(FilePath);
        _fileLock = DatabaseFileLock.Acquire(FilePath);
        try
        {
            _database = new LiteDatabase(new SerializedWritesEngine(new LiteEngine(new EngineSettings { Filename = FilePath })), CreateMapper());
        }
        catch
        {
            _fileLock.Dispose();
            throw;
        }

        RestrictToOwner(FilePath);
        LogOpened(FilePath);
    }

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>The schema version: the number of the last migration applied.</summary>
    public int SchemaVersion
    {
        get => _database.UserVersion;
        internal set => _database.UserVersion = value;
    }

    /// <summary>A typed collection whose documents get Int32 auto-increment ids, like the original's integer ids.</summary>
    public ILiteCollection<T> Collection<T>(string name) => _database.GetCollection<T>(name, BsonAutoId.Int32);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: all of its writes land, or none do. LiteDB binds
    /// a transaction to the calling thread, so the work must be synchronous; a nested call joins the
    /// outer transaction.
    /// </summary>
    public T InTransaction<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var owner = _database.BeginTrans();
        try
        {
            var result = work();
            if (owner)
            {
                _database.Commit();
            }

            return result;
        }
        catch
        {
            if (owner)
            {
                _database.Rollback();
            }

            throw;
        }
    }

    /// <inheritdoc cref="InTransaction{T}(Func{T})"/>
    public void InTransaction(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        InTransaction(() =>
        {
            work();
            return true;
        });
    }

    /// <summary>The LiteDB file, for the health report.</summary>
    public string Description => $"LiteDB file {FilePath}";

    /// <summary>
    /// Creates the collection now when it is missing, so a migration can make every collection before
    /// the server serves. LiteDB closes its whole engine when a collection is read while another
    /// transaction is creating it ("page type must be collection page", LiteDB issue #2792).
    /// </summary>
    public void EnsureCollection(string name)
    {
        if (_database.CollectionExists(name))
        {
            return;
        }

        // An insert creates the collection's page, and the document goes again in the same transaction.
        // Its id is 0, below every id the collection will give, so the first real document still gets 1.
        var collection = _database.GetCollection(name, BsonAutoId.Int32);
        InTransaction(() => collection.Delete(collection.Insert(new BsonDocument { ["_id"] = 0 })));
    }

    /// <summary>The names of the collections in the file.</summary>
    public IReadOnlyList<string> CollectionNames() => [.. _database.GetCollectionNames()];

    /// <summary>Whether the file answers a trivial query; used by <c>/healthz</c>.</summary>
    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Task.FromResult(IsHealthy());

    /// <summary>Whether the file answers a trivial query.</summary>
    public bool IsHealthy()
    {
        try
        {
            _ = _database.GetCollectionNames().Any();
            return true;
        }
        catch (LiteException)
        {
            return false;
        }
    }

    /// <summary>Copies the write-ahead log into the data file, so the file alone holds everything.</summary>
    public void Checkpoint() => _database.Checkpoint();

    public void Dispose()
    {
        _database.Dispose();
        _fileLock.Dispose();
        LogClosed(FilePath);
    }

    /// <summary>LiteDB's write-ahead log next to the data file: <c>game.db</c> has <c>game-log.db</c>.</summary>
    public static string LogFilePath(string filePath)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        return System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(filePath)!,
            System.IO.Path.GetFileNameWithoutExtension(filePath) + "-log" + System.IO.Path.GetExtension(filePath));
    }

    /// <summary>A date read back from LiteDB (which gives local time) in UTC, as the PostgreSQL stores give it.</summary>
    public static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();

    /// <inheritdoc cref="Utc(DateTime)"/>
    public static DateTime? Utc(DateTime? value) => value is { } date ? Utc(date) : null;

    /// <summary>Whether <paramref name="error"/> is a unique index refusing a duplicate.</summary>
    public static bool IsDuplicateKey(Exception error) => error is LiteException { ErrorCode: LiteException.INDEX_DUPLICATE_KEY };

    /// <summary>
    /// The file holds every password hash and token: readable by its owner only. The directory (when
    /// this creates it) is 0700 and the data file and LiteDB's log are created 0600 before LiteDB opens
    /// them, since LiteDB would create them with the process's umask (usually world-readable).
    /// </summary>
    private static void CreateOwnerOnly(string filePath)
    {
        var directory = System.IO.Path.GetDirectoryName(filePath)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        foreach (var path in new[] { filePath, LogFilePath(filePath) })
        {
            try
            {
                using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite });
            }
            catch (IOException) when (File.Exists(path))
            {
                // There already: its mode is set once LiteDB has it open.
            }
        }
    }

    /// <summary>Files made by earlier versions, or copied in, are made owner-only too.</summary>
    private static void RestrictToOwner(string filePath)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in new[] { filePath, LogFilePath(filePath) })
        {
            if (File.Exists(path))
            {
                File.SetUnixFileMode(path, OwnerReadWrite);
            }
        }
    }

    // LiteDB trims strings and turns "" into null by default; the server decides what text means, not the mapper.
    private static BsonMapper CreateMapper() => new()
    {
        TrimWhitespace = false,
        EmptyStringToNull = false,
        EnumAsInteger = true,
    };

    [LoggerMessage(LogLevel.Information, "Opened database {Path}")]
    private partial void LogOpened(string path);

    [LoggerMessage(LogLevel.Information, "Closed database {Path}")]
    private partial void LogClosed(string path);
}

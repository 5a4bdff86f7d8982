using System.Net.Sockets;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GameServer.Storage.Postgres;

/// <summary>
/// The PostgreSQL database of the server, through Npgsql's pooled data source (bounded by the connection
/// string's <c>Maximum Pool Size</c>). Stores run their statements here; a store operation that writes
/// several rows opens a transaction, and operations called inside it (a feature's provisioning inside
/// a registration) join it, as LiteDB's thread-bound transactions do. Commits are durable as PostgreSQL
/// makes them (<c>synchronous_commit</c> on): an acknowledged write survives a kill of the server.
/// </summary>
public sealed partial class PostgresDatabase : IDatabaseHealth, IDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly AsyncLocal<NpgsqlConnection?> _ambient = new();
    private readonly ILogger<PostgresDatabase> _logger;

    static PostgresDatabase()
    {
        // Columns are snake_case (user_id), properties PascalCase (UserId).
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public PostgresDatabase(IOptions<StorageOptions> options, ILogger<PostgresDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        var connectionString = options.Value.ConnectionString
            ?? throw new InvalidOperationException("Storage:ConnectionString is required with Storage:Provider=Postgres");
        Redacted = Redact(connectionString);
        _source = new NpgsqlDataSourceBuilder(connectionString).Build();
    }

    /// <summary>The connection string without its password, for messages and logs.</summary>
    public string Redacted { get; }

    /// <summary>The database, for the health report.</summary>
    public string Description => $"PostgreSQL database ({Redacted})";

    /// <summary>Runs <paramref name="work"/> on the current transaction's connection, or on a pooled connection of its own.</summary>
    public T Run<T>(Func<NpgsqlConnection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_ambient.Value is { } joined)
        {
            return work(joined);
        }

        using var connection = _source.OpenConnection();
        return work(connection);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: all of its writes land, or none do. A nested call,
    /// and every <see cref="Run{T}"/> inside it, joins the outer transaction.
    /// </summary>
    public T InTransaction<T>(Func<NpgsqlConnection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_ambient.Value is { } joined)
        {
            return work(joined);
        }

        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        _ambient.Value = connection;
        try
        {
            var result = work(connection);
            transaction.Commit();
            return result;
        }
        finally
        {
            _ambient.Value = null;
        }
    }

    /// <inheritdoc cref="InTransaction{T}(Func{NpgsqlConnection, T})"/>
    public void InTransaction(Action<NpgsqlConnection> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        InTransaction(connection =>
        {
            work(connection);
            return true;
        });
    }

    /// <summary>
    /// The rows of <paramref name="sql"/>, streamed on a connection of their own that is held until the
    /// enumeration ends: for reading a whole table (<see cref="IRecordSet.ReadAll"/>) without loading it.
    /// </summary>
    public IEnumerable<T> Stream<T>(string sql)
    {
        using var connection = _source.OpenConnection();
        foreach (var row in connection.Query<T>(sql, buffered: false))
        {
            yield return row;
        }
    }

    /// <summary>
    /// Writes <paramref name="records"/> into <paramref name="table"/> with binary COPY, one round trip
    /// for them all, in the current transaction or one of its own. <paramref name="columns"/> name what
    /// <paramref name="writeRow"/> writes, in order; columns left out take their defaults (an identity id).
    /// </summary>
    public void Copy<T>(string table, string columns, IReadOnlyList<T> records, Action<NpgsqlBinaryImporter, T> writeRow)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(writeRow);
        if (records.Count == 0)
        {
            return;
        }

        InTransaction(connection =>
        {
            using var importer = connection.BeginBinaryImport($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)");
            foreach (var record in records)
            {
                importer.StartRow();
                writeRow(importer, record);
            }

            importer.Complete();
        });
    }

    /// <summary>
    /// <see cref="Copy{T}"/> of records that carry their ids, then moves the table's identity past the
    /// largest id, so ids handed out afterwards do not collide with the imported ones.
    /// </summary>
    public void Import<T>(string table, string columns, IReadOnlyList<T> records, Action<NpgsqlBinaryImporter, T> writeRow) =>
        InTransaction(connection =>
        {
            Copy(table, columns, records, writeRow);
            connection.Execute($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT max(id) FROM {table}), 1), (SELECT max(id) FROM {table}) IS NOT NULL)");
        });

    /// <summary>Deletes every row of <paramref name="table"/> and starts its identity again from 1.</summary>
    public void Truncate(string table) => Run(connection => connection.Execute($"TRUNCATE {table} RESTART IDENTITY"));

    /// <summary>
    /// <paramref name="value"/> as UTC, which Npgsql writes to <c>timestamptz</c>: LiteDB gives local
    /// times, and a date without a kind (<see cref="DateTime.MinValue"/>) is taken as UTC already.
    /// </summary>
    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <inheritdoc cref="Utc(DateTime)"/>
    public static DateTime? Utc(DateTime? value) => value is { } date ? Utc(date) : null;

    /// <summary>A pooled connection for work that manages its own transaction (the migrations).</summary>
    public NpgsqlConnection OpenConnection()
    {
        try
        {
            return _source.OpenConnection();
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw new StorageUnreachableException($"cannot reach the PostgreSQL database of Storage:ConnectionString ({Redacted}): {Reason(e)}", e);
        }
    }

    /// <summary>Whether the database answers a trivial query within a few seconds; used by <c>/healthz</c>.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = 5 };
            return await command.ExecuteScalarAsync(cancellationToken) is 1;
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            LogUnhealthy(Reason(e));
            return false;
        }
    }

    /// <summary>Whether <paramref name="error"/> is a unique constraint refusing a duplicate.</summary>
    public static bool IsDuplicateKey(Exception error) => error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public void Dispose() => _source.Dispose();

    /// <summary>The connection string without its password (or any other secret Npgsql knows of).</summary>
    public static string Redact(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Password = null, Passfile = null, SslPassword = null };
        return builder.ConnectionString;
    }

    private static bool IsUnreachable(Exception e) =>
        e is NpgsqlException or SocketException or TimeoutException or InvalidOperationException;

    // The innermost message says what went wrong (refused, timed out, no such database, bad password).
    private static string Reason(Exception e) => e is PostgresException postgres ? postgres.MessageText : (e.InnerException ?? e).Message;

    [LoggerMessage(LogLevel.Warning, "The PostgreSQL database does not answer: {Reason}")]
    private partial void LogUnhealthy(string reason);
}

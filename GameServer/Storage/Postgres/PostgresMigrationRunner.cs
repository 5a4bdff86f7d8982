using Npgsql;

namespace GameServer.Storage.Postgres;

/// <summary>
/// Brings the PostgreSQL schema up to date before the server takes requests. Runs under a session-level
/// advisory lock, so of several processes starting together one migrates and the others wait, then find
/// nothing left to do. The version is one row of <c>schema_version</c>, written in each migration's transaction.
/// </summary>
public sealed partial class PostgresMigrationRunner(PostgresDatabase database, IEnumerable<IPostgresMigration> features, ILogger<PostgresMigrationRunner> logger)
{
    /// <summary>The advisory lock's key: "GameServ" in ASCII, so it does not collide with another application's lock by chance.</summary>
    internal const long LockKey = 0x47616D6553657276;

    /// <summary>The schema's SQL files, in order; one per version.</summary>
    public static IReadOnlyList<IPostgresMigration> SchemaFiles { get; } =
    [
        new SqlMigration(1, "every table of the game", "0001_schema.sql"),
        // Version 2 is the monsters' seeding (PostgresMonstersSeedMigration).
        new SqlMigration(3, "analytics: raw events and day roll-ups", "0003_analytics.sql"),
        new SqlMigration(4, "cluster: the greatest fencing token written under each lease", "0004_lease_fences.sql"),
    ];

    public void Run()
    {
        var ordered = SchemaFiles.Concat(features).OrderBy(m => m.Version).ToList();
        var duplicate = ordered.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two PostgreSQL migrations claim schema version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Description))}");
        }

        using var connection = database.OpenConnection();
        Execute(connection, $"SELECT pg_advisory_lock({LockKey})");
        try
        {
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)");
            var current = CurrentVersion(connection);
            foreach (var migration in ordered.Where(m => m.Version > current))
            {
                using var transaction = connection.BeginTransaction();
                migration.Apply(connection);
                Execute(connection, $"DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ({migration.Version})");
                transaction.Commit();
                LogApplied(migration.Version, migration.Description);
            }
        }
        finally
        {
            Execute(connection, $"SELECT pg_advisory_unlock({LockKey})");
        }
    }

    private static int CurrentVersion(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT max(version) FROM schema_version", connection);
        return command.ExecuteScalar() is int version ? version : 0;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    [LoggerMessage(LogLevel.Information, "Applied PostgreSQL migration {Version}: {Description}")]
    private partial void LogApplied(int version, string description);
}

namespace GameServer.Storage.LiteDb;

/// <summary>Applies the pending migrations in version order before the server takes requests.</summary>
public sealed partial class MigrationRunner(GameDatabase database, IEnumerable<IMigration> migrations, ILogger<MigrationRunner> logger)
{
    public void Run()
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        var duplicate = ordered.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two migrations claim schema version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Description))}");
        }

        var current = database.SchemaVersion;
        foreach (var migration in ordered.Where(m => m.Version > current))
        {
            database.InTransaction(() => migration.Apply(database));

            // LiteDB refuses pragmas inside a transaction, so the version is recorded just after the
            // commit; a crash in between re-runs the migration, which is why migrations are idempotent.
            database.SchemaVersion = migration.Version;
            LogApplied(migration.Version, migration.Description);
        }
    }

    [LoggerMessage(LogLevel.Information, "Applied migration {Version}: {Description}")]
    private partial void LogApplied(int version, string description);
}

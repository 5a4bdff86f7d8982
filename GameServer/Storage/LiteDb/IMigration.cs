namespace GameServer.Storage.LiteDb;

/// <summary>
/// One step of the schema's history. Versions are global and ordered: a migration runs once, at
/// start-up, when the file's schema version is below its own, inside a transaction. It must be
/// idempotent: a crash between its commit and the version update runs it again.
/// </summary>
public interface IMigration
{
    /// <summary>The schema version this migration brings the file to; unique across features.</summary>
    int Version { get; }

    /// <summary>What it does, for the log.</summary>
    string Description { get; }

    void Apply(GameDatabase database);
}

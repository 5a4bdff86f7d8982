using Npgsql;

namespace GameServer.Storage.Postgres;

/// <summary>
/// One step of the PostgreSQL schema's history, run once at start-up in its own transaction together
/// with the recorded version, so a crash never leaves it half applied or applied twice.
/// </summary>
public interface IPostgresMigration
{
    /// <summary>The schema version it brings the database to; unique.</summary>
    int Version { get; }

    /// <summary>What it does, for the log.</summary>
    string Description { get; }

    void Apply(NpgsqlConnection connection);
}

/// <summary>A migration that is one SQL file embedded in the assembly (<c>Storage/Postgres/Migrations/NNNN_name.sql</c>).</summary>
public sealed class SqlMigration(int version, string description, string fileName) : IPostgresMigration
{
    public int Version => version;

    public string Description => description;

    public string FileName => fileName;

    public void Apply(NpgsqlConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = new NpgsqlCommand(Text(), connection);
        command.ExecuteNonQuery();
    }

    /// <summary>The file's SQL.</summary>
    public string Text()
    {
        var name = $"GameServer.Storage.Postgres.Migrations.{fileName}";
        using var stream = typeof(SqlMigration).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the migration {name} is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

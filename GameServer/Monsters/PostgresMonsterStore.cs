using Dapper;
using GameServer.Storage;
using GameServer.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace GameServer.Monsters;

/// <summary>The <c>monsters</c> table of the PostgreSQL database; the state is stored as its integer code.</summary>
public sealed class PostgresMonsterStore(PostgresDatabase database, StoreMetrics metrics) : IMonsterStore
{
    internal const string Table = "monsters";
    private const string Store = "monsters";
    private const string Columns = "id, state, health_points, user_being_attacked, position_x, position_y, respawn_at";

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<MonsterRecord>(Table, () => database.Run(c => c.ExecuteScalar<long>("SELECT count(*) FROM monsters")), () => database.Stream<MonsterRecord>($"SELECT {Columns} FROM monsters ORDER BY id"), Import, () => database.Truncate(Table)),
    ];

    public MonsterRecord? Find(int id)
    {
        using var timing = metrics.Time(Store, "find");
        return database.Run(c => c.QuerySingleOrDefault<MonsterRecord>($"SELECT {Columns} FROM monsters WHERE id = @id", new { id }));
    }

    public IReadOnlyList<MonsterRecord> All()
    {
        using var timing = metrics.Time(Store, "all");
        return database.Run(c => c.Query<MonsterRecord>($"SELECT {Columns} FROM monsters ORDER BY id").AsList());
    }

    public void Insert(MonsterRecord monster)
    {
        ArgumentNullException.ThrowIfNull(monster);
        using var timing = metrics.Time(Store, "insert");
        monster.Id = database.Run(c => c.ExecuteScalar<int>(
            """
            INSERT INTO monsters (state, health_points, user_being_attacked, position_x, position_y, respawn_at)
            VALUES (@state, @HealthPoints, @UserBeingAttacked, @PositionX, @PositionY, @respawnAt) RETURNING id
            """,
            new { state = (int)monster.State, monster.HealthPoints, monster.UserBeingAttacked, monster.PositionX, monster.PositionY, respawnAt = PostgresDatabase.Utc(monster.RespawnAt) }));
    }

    public bool Update(MonsterRecord monster)
    {
        ArgumentNullException.ThrowIfNull(monster);
        using var timing = metrics.Time(Store, "update");
        return database.Run(c => UpdateAll(c, [monster])) > 0;
    }

    public void UpdateMany(IReadOnlyList<MonsterRecord> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        using var timing = metrics.Time(Store, "update_many");
        database.Run(c => UpdateAll(c, changed));
    }

    public bool Delete(int id)
    {
        using var timing = metrics.Time(Store, "delete");
        return database.Run(c => c.Execute("DELETE FROM monsters WHERE id = @id", new { id })) > 0;
    }

    /// <summary>Inserts monsters in one COPY, ids from the identity (the seeding migration).</summary>
    internal static void InsertNew(NpgsqlConnection connection, IReadOnlyList<MonsterRecord> monsters)
    {
        using var importer = connection.BeginBinaryImport("COPY monsters (state, health_points, user_being_attacked, position_x, position_y, respawn_at) FROM STDIN (FORMAT BINARY)");
        foreach (var monster in monsters)
        {
            importer.StartRow();
            WriteFields(importer, monster);
        }

        importer.Complete();
    }

    // One statement for the batch; parameters typed explicitly, since arrays with nulls tell Npgsql nothing of their type.
    private static int UpdateAll(NpgsqlConnection connection, IReadOnlyList<MonsterRecord> monsters)
    {
        using var command = new NpgsqlCommand(
            """
            UPDATE monsters AS m
            SET state = v.state, health_points = v.health, user_being_attacked = v.attacked, position_x = v.x, position_y = v.y, respawn_at = v.respawn
            FROM unnest(@ids, @states, @healths, @attacked, @xs, @ys, @respawns) AS v(id, state, health, attacked, x, y, respawn)
            WHERE m.id = v.id
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = monsters.Select(m => m.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = monsters.Select(m => (int)m.State).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("healths", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = monsters.Select(m => m.HealthPoints).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("attacked", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = monsters.Select(m => m.UserBeingAttacked).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("xs", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = monsters.Select(m => m.PositionX).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("ys", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = monsters.Select(m => m.PositionY).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("respawns", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = monsters.Select(m => PostgresDatabase.Utc(m.RespawnAt)).ToArray() });
        return command.ExecuteNonQuery();
    }

    private static void WriteFields(NpgsqlBinaryImporter row, MonsterRecord monster)
    {
        row.Write((int)monster.State, NpgsqlDbType.Integer);
        row.Write(monster.HealthPoints, NpgsqlDbType.Integer);
        if (monster.UserBeingAttacked is { } user)
        {
            row.Write(user, NpgsqlDbType.Integer);
        }
        else
        {
            row.WriteNull();
        }

        row.Write(monster.PositionX, NpgsqlDbType.Double);
        row.Write(monster.PositionY, NpgsqlDbType.Double);
        if (PostgresDatabase.Utc(monster.RespawnAt) is { } respawn)
        {
            row.Write(respawn, NpgsqlDbType.TimestampTz);
        }
        else
        {
            row.WriteNull();
        }
    }

    private void Import(IReadOnlyList<MonsterRecord> records) => database.Import(Table, Columns, records, (row, m) =>
    {
        row.Write(m.Id, NpgsqlDbType.Integer);
        WriteFields(row, m);
    });
}

using GameServer.Players;
using GameServer.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GameServer.Monsters;

/// <summary>
/// PostgreSQL schema version 2: the first <c>Monsters:Count</c> monsters at random places, as LiteDB's
/// schema 5 seeds them. Once per database, never again after an admin deletes them all.
/// </summary>
public sealed class PostgresMonstersSeedMigration(IOptions<MonstersOptions> options, IOptions<WorldOptions> world) : IPostgresMigration
{
    public int Version => 2;

    public string Description => "monsters: the first monsters";

    public void Apply(NpgsqlConnection connection)
    {
        var count = options.Value.Count;
        if (count < 0)
        {
            throw new InvalidOperationException($"{MonstersOptions.Section}:Count must be >= 0, not {count}");
        }

        PostgresMonsterStore.InsertNew(connection, [.. Enumerable.Range(0, count).Select(_ => MonsterRecord.AtRandom(world.Value, Random.Shared))]);
    }
}

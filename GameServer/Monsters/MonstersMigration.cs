using GameServer.Players;
using GameServer.Storage.LiteDb;
using Microsoft.Extensions.Options;

namespace GameServer.Monsters;

/// <summary>Schema version 5: monsters found by state, and the first <c>Monsters:Count</c> monsters at random places.</summary>
public sealed class MonstersMigration(IOptions<MonstersOptions> options, IOptions<WorldOptions> world) : IMigration
{
    public int Version => 5;

    public string Description => "monsters: state index, the first monsters";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var count = options.Value.Count;
        if (count < 0)
        {
            throw new InvalidOperationException($"{MonstersOptions.Section}:Count must be >= 0, not {count}");
        }

        var monsters = database.Collection<MonsterRecord>(LiteDbMonsterStore.Collection);
        monsters.EnsureIndex(m => m.State);

        // Seeding here makes it happen once per database, never again after an admin deletes them all;
        // the emptiness check keeps a re-run (a crash before the version is recorded) from seeding twice.
        if (monsters.Count() == 0)
        {
            monsters.InsertBulk(Enumerable.Range(0, count).Select(_ => MonsterRecord.AtRandom(world.Value, Random.Shared)));
        }
    }
}

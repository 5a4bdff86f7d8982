using GameServer.Monsters;
using GameServer.Players;
using GameServer.Storage;
using GameServer.Storage.LiteDb;
using GameServer.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Monsters;

[Category("Unit")]
public sealed class MonstersMigrationTests
{
    [Test]
    public void Seeding_runs_once_even_when_the_migration_runs_again()
    {
        using var directory = new TempDirectory();
        using var database = new GameDatabase(Options.Create(new StorageOptions { Path = directory.File("game.db") }), NullLogger<GameDatabase>.Instance);
        var migration = new MonstersMigration(Options.Create(new MonstersOptions { Count = 4 }), Options.Create(new WorldOptions { Width = 5, Height = 6 }));

        database.InTransaction(() => migration.Apply(database));
        database.InTransaction(() => migration.Apply(database));

        var monsters = new LiteDbMonsterStore(database, TestStoreMetrics.Create()).All();
        Assert.That(monsters, Has.Count.EqualTo(4), "a re-run after a crash seeds nothing more");
        Assert.That(monsters.Select(m => (m.State, m.HealthPoints)), Is.All.EqualTo((MonsterState.Wandering, MonsterRecord.NewHealthPoints)));
        Assert.That(monsters.Select(m => (m.PositionX <= 5, m.PositionY <= 6)), Is.All.EqualTo((true, true)));
    }

    [Test]
    public void A_negative_count_stops_the_start()
    {
        using var directory = new TempDirectory();
        using var database = new GameDatabase(Options.Create(new StorageOptions { Path = directory.File("game.db") }), NullLogger<GameDatabase>.Instance);
        var migration = new MonstersMigration(Options.Create(new MonstersOptions { Count = -1 }), Options.Create(new WorldOptions()));

        Assert.Throws<InvalidOperationException>(() => migration.Apply(database));
    }
}

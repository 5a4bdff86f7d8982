using GameServer.Accounts;
using GameServer.Inventory;
using GameServer.Storage;
using GameServer.Storage.LiteDb;
using GameServer.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Storage;

[Category("Unit")]
public sealed class MigrationTests
{
    [Test]
    public void Users_from_before_inventories_get_one_and_the_version_is_recorded()
    {
        using var directory = new TempDirectory();
        using (var database = Open(directory))
        {
            Run(database, new AccountIndexesMigration());
            var users = database.Collection<User>(LiteDbAccountStore.UsersCollection);
            users.Insert(new User { Username = "old_timer", NormalizedUsername = "OLD_TIMER" });
            Assert.That(database.SchemaVersion, Is.EqualTo(1));
        }

        using (var database = Open(directory))
        {
            Run(database, new AccountIndexesMigration(), new InventoryIndexesMigration(), new InventoryItemsMigration());
            Run(database, new AccountIndexesMigration(), new InventoryIndexesMigration(), new InventoryItemsMigration());

            var inventories = Inventories(database).Page(0, 10);
            Assert.That(inventories, Has.Count.EqualTo(1), "one inventory, however often the migrations run");
            Assert.That(Inventories(database).ItemIdsOf(inventories[0].Id), Is.Empty);
            Assert.That(database.SchemaVersion, Is.EqualTo(4));
        }
    }

    [Test]
    public void Item_lists_inside_inventories_become_link_rows_in_their_order()
    {
        using var directory = new TempDirectory();
        using var database = Open(directory);
        Run(database, new AccountIndexesMigration(), new InventoryIndexesMigration(), new InventoryItemsMigration());
        var raw = database.Collection<LiteDB.BsonDocument>(LiteDbInventoryStore.Collection);
        raw.Insert(new LiteDB.BsonDocument { ["_id"] = 7, ["User"] = 3, ["Items"] = new LiteDB.BsonArray(new LiteDB.BsonValue(12), new LiteDB.BsonValue(5), new LiteDB.BsonValue(9)) });
        raw.Insert(new LiteDB.BsonDocument { ["_id"] = 8, ["User"] = 4, ["Items"] = new LiteDB.BsonArray() });

        Run(database, new InventoryLinksMigration());
        Run(database, new InventoryLinksMigration());

        var store = Inventories(database);
        Assert.That(store.ItemIdsOf(7), Is.EqualTo(new[] { 12, 5, 9 }), "the order is kept, and a second run adds nothing");
        Assert.That(store.ItemIdsOf(8), Is.Empty);
        Assert.That(store.InventoriesHolding(5), Is.EqualTo(new[] { 7 }));
        Assert.That(raw.FindById(7).ContainsKey("Items"), Is.False);
        Assert.That(database.SchemaVersion, Is.EqualTo(6));
    }

    [Test]
    public void Two_migrations_with_one_version_stop_the_start()
    {
        using var directory = new TempDirectory();
        using var database = Open(directory);

        Assert.Throws<InvalidOperationException>(() => Run(database, new InventoryIndexesMigration(), new InventoryIndexesMigration()));
    }

    private static LiteDbInventoryStore Inventories(GameDatabase database)
    {
        var metrics = TestStoreMetrics.Create();
        return new LiteDbInventoryStore(database, new LiteDbItemStore(database, metrics), metrics);
    }

    private static GameDatabase Open(TempDirectory directory) =>
        new(Options.Create(new StorageOptions { Path = directory.File("game.db") }), NullLogger<GameDatabase>.Instance);

    private static void Run(GameDatabase database, params IMigration[] migrations) =>
        new MigrationRunner(database, migrations, NullLogger<MigrationRunner>.Instance).Run();
}

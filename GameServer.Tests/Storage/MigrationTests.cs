using GameServer.Accounts;
using GameServer.Inventory;
using GameServer.Storage;
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
            var users = database.Collection<User>(AccountStore.UsersCollection);
            users.Insert(new User { Username = "old_timer", NormalizedUsername = "OLD_TIMER" });
            Assert.That(database.SchemaVersion, Is.EqualTo(1));
        }

        using (var database = Open(directory))
        {
            Run(database, new AccountIndexesMigration(), new InventoryIndexesMigration(), new InventoryItemsMigration());
            Run(database, new AccountIndexesMigration(), new InventoryIndexesMigration(), new InventoryItemsMigration());

            var inventories = new InventoryStore(database).All();
            Assert.That(inventories, Has.Count.EqualTo(1), "one inventory, however often the migrations run");
            Assert.That(inventories[0].Items, Is.Empty);
            Assert.That(database.SchemaVersion, Is.EqualTo(4));
        }
    }

    [Test]
    public void Two_migrations_with_one_version_stop_the_start()
    {
        using var directory = new TempDirectory();
        using var database = Open(directory);

        Assert.Throws<InvalidOperationException>(() => Run(database, new InventoryIndexesMigration(), new InventoryIndexesMigration()));
    }

    private static GameDatabase Open(TempDirectory directory) =>
        new(Options.Create(new StorageOptions { Path = directory.File("game.db") }), NullLogger<GameDatabase>.Instance);

    private static void Run(GameDatabase database, params IMigration[] migrations) =>
        new MigrationRunner(database, migrations, NullLogger<MigrationRunner>.Instance).Run();
}

using System.Collections;
using System.Reflection;
using GameServer.Inventory;
using GameServer.Storage;
using GameServer.Storage.LiteDb;
using GameServer.Tests.Support;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Inventory;

/// <summary>
/// Regression: finding inventories or items by a set of ids used LiteDB's <c>Query.In</c>, which writes
/// the ids into the expression's text. Every new set compiled a new expression (about half a second for
/// a gift batch of 2,000 users, so the first gift run after a start or a registration crawled) and
/// LiteDB kept each one in a static cache for good. The count of that cache is how we see it.
/// </summary>
[Category("Unit")]
[NonParallelizable]
public sealed class IdSetQueryTests
{
    [Test]
    public void Finding_by_a_new_set_of_ids_compiles_no_new_expression()
    {
        using var directory = new TempDirectory();
        using var database = new GameDatabase(Options.Create(new StorageOptions { Path = directory.File("game.db") }), NullLogger<GameDatabase>.Instance);
        var metrics = TestStoreMetrics.Create();
        var items = new LiteDbItemStore(database, metrics);
        var inventories = new LiteDbInventoryStore(database, items, metrics);
        inventories.FindByUsers([1, 2]);
        items.FindMany([1, 2]);
        inventories.ItemIdsOf([1, 2]);
        var compiled = CompiledExpressions();

        inventories.FindByUsers([3, 4, 5]);
        items.FindMany([6, 7, 8]);
        inventories.ItemIdsOf([9, 10, 11]);

        Assert.That(CompiledExpressions(), Is.EqualTo(compiled));
    }

    private static int CompiledExpressions()
    {
        var cache = typeof(BsonExpression).GetField("_cacheScalar", BindingFlags.NonPublic | BindingFlags.Static);
        Assert.That(cache, Is.Not.Null, "LiteDB's expression cache has moved; find its new name to keep this test meaningful");
        return ((ICollection)cache!.GetValue(null)!).Count;
    }
}

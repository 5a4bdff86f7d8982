using GameServer.Accounts;
using GameServer.Storage.LiteDb;

namespace GameServer.Inventory;

/// <summary>Schema version 2: one inventory per user.</summary>
public sealed class InventoryIndexesMigration : IMigration
{
    public int Version => 2;

    public string Description => "inventory: one inventory per user";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.Collection<InventoryRecord>(LiteDbInventoryStore.Collection).EnsureIndex(i => i.User, unique: true);
    }
}

/// <summary>
/// Schema version 4: items ordered by weight, inventories found by the items they hold, and an
/// inventory for every user registered before inventories were created with the account.
/// </summary>
public sealed class InventoryItemsMigration : IMigration
{
    public int Version => 4;

    public string Description => "inventory: item weight index, inventory items index, inventories for earlier users";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.Collection<ItemRecord>(LiteDbItemStore.Collection).EnsureIndex(i => i.Weight);
        var inventories = database.Collection<InventoryRecord>(LiteDbInventoryStore.Collection);
        inventories.EnsureIndex("items", "$.Items[*]");
        var owners = inventories.FindAll().Select(i => i.User).ToHashSet();
        foreach (var user in database.Collection<User>(LiteDbAccountStore.UsersCollection).FindAll().Where(u => !owners.Contains(u.Id)))
        {
            inventories.Insert(new InventoryRecord { User = user.Id });
        }
    }
}

/// <summary>
/// Schema version 6: an inventory's items move from a list inside the inventory to link rows
/// (<see cref="InventoryItemLink"/>), found by inventory and by item. With the list, every gift
/// rewrote and re-indexed the whole list, so a gift run slowed down as inventories filled up.
/// </summary>
public sealed class InventoryLinksMigration : IMigration
{
    public int Version => 6;

    public string Description => "inventory: items as link rows instead of a list in the inventory";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var links = database.Collection<InventoryItemLink>(LiteDbInventoryStore.LinksCollection);
        links.EnsureIndex(l => l.Inventory);
        links.EnsureIndex(l => l.Item);
        var inventories = database.Collection<LiteDB.BsonDocument>(LiteDbInventoryStore.Collection);
        foreach (var inventory in inventories.FindAll().Where(d => d.ContainsKey("Items")).ToList())
        {
            var id = inventory["_id"].AsInt32;

            // Idempotent: a re-run after a crash finds the list gone, or finds its links already there.
            if (links.Count(l => l.Inventory == id) == 0)
            {
                links.InsertBulk(inventory["Items"].AsArray.Select(item => new InventoryItemLink { Inventory = id, Item = item.AsInt32 }));
            }

            inventory.Remove("Items");
            inventories.Update(inventory);
        }

        inventories.DropIndex("items");
    }
}

/// <summary>
/// Schema version 9: an index on (weight, id), the order items are listed in. With the index on
/// weight alone, a page had to read and sort every item of equal weight, and every gift weighs 0:
/// the first page of an anonymous <c>GET /api/items/</c> read all of them.
/// </summary>
public sealed class ItemOrderMigration : IMigration
{
    /// <summary>The index's expression; a query ordered by exactly this walks the index instead of sorting.</summary>
    public const string Expression = "[$.Weight, $._id]";

    public int Version => 9;

    public string Description => "inventory: items indexed by (weight, id)";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.Collection<ItemRecord>(LiteDbItemStore.Collection).EnsureIndex("weight_id", Expression);
    }
}

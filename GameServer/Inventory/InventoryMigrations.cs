using GameServer.Accounts;
using GameServer.Storage;

namespace GameServer.Inventory;

/// <summary>Schema version 2: one inventory per user.</summary>
public sealed class InventoryIndexesMigration : IMigration
{
    public int Version => 2;

    public string Description => "inventory: one inventory per user";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.Collection<InventoryRecord>(InventoryStore.Collection).EnsureIndex(i => i.User, unique: true);
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
        database.Collection<ItemRecord>(ItemStore.Collection).EnsureIndex(i => i.Weight);
        var inventories = database.Collection<InventoryRecord>(InventoryStore.Collection);
        inventories.EnsureIndex("items", "$.Items[*]");
        var owners = inventories.FindAll().Select(i => i.User).ToHashSet();
        foreach (var user in database.Collection<User>(AccountStore.UsersCollection).FindAll().Where(u => !owners.Contains(u.Id)))
        {
            inventories.Insert(new InventoryRecord { User = user.Id });
        }
    }
}

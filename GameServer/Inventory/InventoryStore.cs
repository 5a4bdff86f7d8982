using GameServer.Accounts;
using GameServer.Storage;
using LiteDB;

namespace GameServer.Inventory;

/// <summary>The <c>inventories</c> collection.</summary>
public sealed class InventoryStore(GameDatabase database) : IAccountProvisioner
{
    private readonly ILiteCollection<InventoryRecord> _inventories = database.Collection<InventoryRecord>("inventories");

    public InventoryRecord? FindByUser(int userId) => _inventories.FindOne(i => i.User == userId);

    /// <summary>Every user starts with an empty inventory, created with the account.</summary>
    public void Provision(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _inventories.Insert(new InventoryRecord { User = user.Id });
    }
}

/// <summary>Schema version 2: one inventory per user.</summary>
public sealed class InventoryIndexesMigration : IMigration
{
    public int Version => 2;

    public string Description => "inventory: one inventory per user";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.Collection<InventoryRecord>("inventories").EnsureIndex(i => i.User, unique: true);
    }
}

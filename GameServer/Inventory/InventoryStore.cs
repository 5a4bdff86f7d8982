using GameServer.Accounts;
using GameServer.Storage;
using LiteDB;

namespace GameServer.Inventory;

/// <summary>The <c>inventories</c> collection and the <c>inventory_items</c> links between inventories and items.</summary>
public sealed class InventoryStore(GameDatabase database, StoreMetrics? metrics = null) : IAccountProvisioner
{
    internal const string Collection = "inventories";
    internal const string LinksCollection = "inventory_items";

    private readonly ILiteCollection<InventoryRecord> _inventories = database.Collection<InventoryRecord>(Collection);
    private readonly ILiteCollection<InventoryItemLink> _links = database.Collection<InventoryItemLink>(LinksCollection);
    private readonly StoreMetrics _metrics = metrics ?? StoreMetrics.Unrecorded;

    public InventoryRecord? Find(int id)
    {
        using var timing = _metrics.Time("inventories", "find");
        return _inventories.FindById(id);
    }

    public InventoryRecord? FindByUser(int userId)
    {
        using var timing = _metrics.Time("inventories", "find_by_user");
        return _inventories.FindOne(i => i.User == userId);
    }

    public int Count()
    {
        using var timing = _metrics.Time("inventories", "count");
        return _inventories.Count();
    }

    /// <summary>A page of the inventories ordered by id, read through the primary key: only the page is loaded.</summary>
    public IReadOnlyList<InventoryRecord> Page(int offset, int limit)
    {
        using var timing = _metrics.Time("inventories", "page");
        return limit == 0 ? [] : _inventories.Query().OrderBy(i => i.Id).Skip(offset).Limit(limit).ToList();
    }

    /// <summary>
    /// The inventories of <paramref name="userIds"/>, by one seek per id on the unique index. The ids go in
    /// as a parameter: LiteDB's <c>Query.In</c> writes them into the expression's text, so every new set
    /// of ids compiled a new expression (about half a second for a gift batch) and cached it for good.
    /// </summary>
    public IReadOnlyList<InventoryRecord> FindByUsers(IReadOnlyCollection<int> userIds)
    {
        using var timing = _metrics.Time("inventories", "find_by_users");
        return userIds.Count == 0 ? [] : _inventories.Find(BsonExpression.Create("$.User IN @0", new BsonArray(userIds.Select(id => new BsonValue(id))))).ToList();
    }

    /// <summary>The item ids of one inventory, in the order they were added.</summary>
    public List<int> ItemIdsOf(int inventoryId)
    {
        using var timing = _metrics.Time("inventories", "item_ids_of");
        return [.. _links.Find(l => l.Inventory == inventoryId).OrderBy(l => l.Id).Select(l => l.Item)];
    }

    /// <summary>The item ids of each of <paramref name="inventoryIds"/>, in the order they were added: one seek per inventory on the links' index.</summary>
    public Dictionary<int, List<int>> ItemIdsOf(IReadOnlyCollection<int> inventoryIds)
    {
        using var timing = _metrics.Time("inventories", "item_ids_of");
        return inventoryIds.Count == 0
                ? []
                : _links.Find(BsonExpression.Create("$.Inventory IN @0", new BsonArray(inventoryIds.Select(id => new BsonValue(id)))))
                    .OrderBy(l => l.Id)
                    .GroupBy(l => l.Inventory)
                    .ToDictionary(g => g.Key, g => g.Select(l => l.Item).ToList());
    }

    /// <summary>The ids of the inventories holding <paramref name="itemId"/>, through the index on the links' item.</summary>
    public List<int> InventoriesHolding(int itemId)
    {
        using var timing = _metrics.Time("inventories", "inventories_holding");
        return [.. _links.Find(l => l.Item == itemId).Select(l => l.Inventory)];
    }

    public bool Holds(int inventoryId, int itemId)
    {
        using var timing = _metrics.Time("inventories", "holds");
        return _links.Exists(l => l.Inventory == inventoryId && l.Item == itemId);
    }

    public void AddItem(int inventoryId, int itemId)
    {
        using var timing = _metrics.Time("inventories", "add_item");
        _links.Insert(new InventoryItemLink { Inventory = inventoryId, Item = itemId });
    }

    /// <summary>Adds many links in one call.</summary>
    public void AddItems(IReadOnlyList<InventoryItemLink> links)
    {
        using var timing = _metrics.Time("inventories", "add_items");
        _links.InsertBulk(links, batchSize: Math.Max(links.Count, 1));
    }

    public bool RemoveItem(int inventoryId, int itemId)
    {
        using var timing = _metrics.Time("inventories", "remove_item");
        return _links.DeleteMany(l => l.Inventory == inventoryId && l.Item == itemId) > 0;
    }

    public int RemoveItemEverywhere(int itemId)
    {
        using var timing = _metrics.Time("inventories", "remove_item_everywhere");
        return _links.DeleteMany(l => l.Item == itemId);
    }

    /// <summary>Every user starts with an empty inventory, created with the account.</summary>
    public void Provision(User user)
    {
        using var timing = _metrics.Time("inventories", "provision");
        ArgumentNullException.ThrowIfNull(user);
        _inventories.Insert(new InventoryRecord { User = user.Id });
    }
}

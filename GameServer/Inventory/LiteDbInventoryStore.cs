using GameServer.Accounts;
using GameServer.Storage;
using GameServer.Storage.LiteDb;
using LiteDB;

namespace GameServer.Inventory;

/// <summary>The <c>inventories</c> collection and the <c>inventory_items</c> links between inventories and items, in the LiteDB file.</summary>
public sealed class LiteDbInventoryStore(GameDatabase database, LiteDbItemStore items, StoreMetrics metrics) : IInventoryStore
{
    internal const string Collection = "inventories";
    internal const string LinksCollection = "inventory_items";
    private const string Store = "inventories";

    private readonly ILiteCollection<InventoryRecord> _inventories = database.Collection<InventoryRecord>(Collection);
    private readonly ILiteCollection<InventoryItemLink> _links = database.Collection<InventoryItemLink>(LinksCollection);

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<InventoryRecord>(Collection, () => _inventories.LongCount(), () => _inventories.Query().OrderBy(i => i.Id).ToEnumerable(), Import, () => _inventories.DeleteAll()),
        new RecordSet<InventoryItemLink>(LinksCollection, () => _links.LongCount(), () => _links.Query().OrderBy(l => l.Id).ToEnumerable(), Import, () => _links.DeleteAll()),
    ];

    public InventoryRecord? Find(int id)
    {
        using var timing = metrics.Time(Store, "find");
        return _inventories.FindById(id);
    }

    public InventoryRecord? FindByUser(int userId)
    {
        using var timing = metrics.Time(Store, "find_by_user");
        return _inventories.FindOne(i => i.User == userId);
    }

    public int Count()
    {
        using var timing = metrics.Time(Store, "count");
        return _inventories.Count();
    }

    public IReadOnlyList<InventoryRecord> Page(int offset, int limit)
    {
        using var timing = metrics.Time(Store, "page");
        return limit == 0 ? [] : _inventories.Query().OrderBy(i => i.Id).Skip(offset).Limit(limit).ToList();
    }

    /// <summary>
    /// One seek per id on the unique index. The ids go in as a parameter: LiteDB's <c>Query.In</c> writes
    /// them into the expression's text, so every new set of ids compiled a new expression (about half a
    /// second for a gift batch) and cached it for good.
    /// </summary>
    public IReadOnlyList<InventoryRecord> FindByUsers(IReadOnlyCollection<int> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        using var timing = metrics.Time(Store, "find_by_users");
        return userIds.Count == 0 ? [] : _inventories.Find(BsonExpression.Create("$.User IN @0", Ids(userIds))).ToList();
    }

    public List<int> ItemIdsOf(int inventoryId)
    {
        using var timing = metrics.Time(Store, "item_ids_of");
        return [.. _links.Find(l => l.Inventory == inventoryId).OrderBy(l => l.Id).Select(l => l.Item)];
    }

    /// <summary>One seek per inventory on the links' index.</summary>
    public Dictionary<int, List<int>> ItemIdsOf(IReadOnlyCollection<int> inventoryIds)
    {
        ArgumentNullException.ThrowIfNull(inventoryIds);
        using var timing = metrics.Time(Store, "item_ids_of_many");
        return inventoryIds.Count == 0
            ? []
            : _links.Find(BsonExpression.Create("$.Inventory IN @0", Ids(inventoryIds)))
                .OrderBy(l => l.Id)
                .GroupBy(l => l.Inventory)
                .ToDictionary(g => g.Key, g => g.Select(l => l.Item).ToList());
    }

    public List<int> InventoriesHolding(int itemId)
    {
        using var timing = metrics.Time(Store, "inventories_holding");
        return [.. _links.Find(l => l.Item == itemId).Select(l => l.Inventory)];
    }

    public bool Holds(int inventoryId, int itemId)
    {
        using var timing = metrics.Time(Store, "holds");
        return _links.Exists(l => l.Inventory == inventoryId && l.Item == itemId);
    }

    public bool AddItem(int inventoryId, int itemId)
    {
        using var timing = metrics.Time(Store, "add_item");
        return database.InTransaction(() =>
        {
            if (_links.Exists(l => l.Inventory == inventoryId && l.Item == itemId))
            {
                return false;
            }

            _links.Insert(new InventoryItemLink { Inventory = inventoryId, Item = itemId });
            return true;
        });
    }

    public bool RemoveItem(int inventoryId, int itemId)
    {
        using var timing = metrics.Time(Store, "remove_item");
        return _links.DeleteMany(l => l.Inventory == inventoryId && l.Item == itemId) > 0;
    }

    public void ReplaceItems(int inventoryId, IReadOnlyList<int> removed, IReadOnlyList<int> added)
    {
        ArgumentNullException.ThrowIfNull(removed);
        ArgumentNullException.ThrowIfNull(added);
        using var timing = metrics.Time(Store, "replace_items");
        database.InTransaction(() =>
        {
            foreach (var itemId in removed)
            {
                _links.DeleteMany(l => l.Inventory == inventoryId && l.Item == itemId);
            }

            InsertLinks([.. added.Select(itemId => new InventoryItemLink { Inventory = inventoryId, Item = itemId })]);
        });
    }

    public IReadOnlyList<int>? DeleteItemEverywhere(int itemId)
    {
        using var timing = metrics.Time(Store, "delete_item_everywhere");
        return database.InTransaction(() =>
        {
            var holders = _links.Find(l => l.Item == itemId).Select(l => l.Inventory).ToList();
            _links.DeleteMany(l => l.Item == itemId);
            return items.DeleteInTransaction(itemId) ? holders : null;
        });
    }

    public IReadOnlyList<(InventoryRecord Inventory, ItemRecord Item)> GiveNewItems(IReadOnlyList<NewItemFor> gifts)
    {
        ArgumentNullException.ThrowIfNull(gifts);
        using var timing = metrics.Time(Store, "give_new_items");
        return database.InTransaction(() =>
        {
            var userIds = gifts.Select(g => g.UserId).ToHashSet();
            var byUser = (userIds.Count == 0 ? [] : _inventories.Find(BsonExpression.Create("$.User IN @0", Ids(userIds)))).ToDictionary(i => i.User);
            var given = gifts
                .Where(g => byUser.ContainsKey(g.UserId))
                .Select(g => (Inventory: byUser[g.UserId], Item: new ItemRecord { Name = g.Name, Weight = g.Weight }))
                .ToList();
            items.InsertManyInTransaction([.. given.Select(p => p.Item)]);
            InsertLinks([.. given.Select(p => new InventoryItemLink { Inventory = p.Inventory.Id, Item = p.Item.Id })]);
            return given;
        });
    }

    /// <summary>Every user starts with an empty inventory, created with the account.</summary>
    public void Provision(IReadOnlyList<User> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        using var timing = metrics.Time(Store, "provision");
        _inventories.InsertBulk(users.Select(u => new InventoryRecord { User = u.Id }), batchSize: Math.Max(users.Count, 1));
    }

    private void InsertLinks(IReadOnlyList<InventoryItemLink> links) => _links.InsertBulk(links, batchSize: Math.Max(links.Count, 1));

    private void Import(IReadOnlyList<InventoryRecord> inventories) =>
        database.InTransaction(() => _inventories.InsertBulk(inventories, batchSize: Math.Max(inventories.Count, 1)));

    private void Import(IReadOnlyList<InventoryItemLink> links) => database.InTransaction(() => InsertLinks(links));

    private static BsonArray Ids(IEnumerable<int> ids) => new(ids.Select(id => new BsonValue(id)));
}

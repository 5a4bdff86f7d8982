using GameServer.Accounts;
using GameServer.Storage;
using LiteDB;

namespace GameServer.Inventory;

/// <summary>The <c>inventories</c> collection and the <c>inventory_items</c> links between inventories and items.</summary>
public sealed class InventoryStore(GameDatabase database) : IAccountProvisioner
{
    internal const string Collection = "inventories";
    internal const string LinksCollection = "inventory_items";

    private readonly ILiteCollection<InventoryRecord> _inventories = database.Collection<InventoryRecord>(Collection);
    private readonly ILiteCollection<InventoryItemLink> _links = database.Collection<InventoryItemLink>(LinksCollection);

    public InventoryRecord? Find(int id) => _inventories.FindById(id);

    public InventoryRecord? FindByUser(int userId) => _inventories.FindOne(i => i.User == userId);

    public int Count() => _inventories.Count();

    /// <summary>A page of the inventories ordered by id, read through the primary key: only the page is loaded.</summary>
    public IReadOnlyList<InventoryRecord> Page(int offset, int limit) =>
        limit == 0 ? [] : _inventories.Query().OrderBy(i => i.Id).Skip(offset).Limit(limit).ToList();

    /// <summary>
    /// The inventories of <paramref name="userIds"/>, by one seek per id on the unique index. The ids go in
    /// as a parameter: LiteDB's <c>Query.In</c> writes them into the expression's text, so every new set
    /// of ids compiled a new expression (about half a second for a gift batch) and cached it for good.
    /// </summary>
    public IReadOnlyList<InventoryRecord> FindByUsers(IReadOnlyCollection<int> userIds) =>
        userIds.Count == 0 ? [] : _inventories.Find(BsonExpression.Create("$.User IN @0", new BsonArray(userIds.Select(id => new BsonValue(id))))).ToList();

    /// <summary>The item ids of one inventory, in the order they were added.</summary>
    public List<int> ItemIdsOf(int inventoryId) =>
        [.. _links.Find(l => l.Inventory == inventoryId).OrderBy(l => l.Id).Select(l => l.Item)];

    /// <summary>The item ids of each of <paramref name="inventoryIds"/>, in the order they were added: one seek per inventory on the links' index.</summary>
    public Dictionary<int, List<int>> ItemIdsOf(IReadOnlyCollection<int> inventoryIds) =>
        inventoryIds.Count == 0
            ? []
            : _links.Find(BsonExpression.Create("$.Inventory IN @0", new BsonArray(inventoryIds.Select(id => new BsonValue(id)))))
                .OrderBy(l => l.Id)
                .GroupBy(l => l.Inventory)
                .ToDictionary(g => g.Key, g => g.Select(l => l.Item).ToList());

    /// <summary>The ids of the inventories holding <paramref name="itemId"/>, through the index on the links' item.</summary>
    public List<int> InventoriesHolding(int itemId) => [.. _links.Find(l => l.Item == itemId).Select(l => l.Inventory)];

    public bool Holds(int inventoryId, int itemId) => _links.Exists(l => l.Inventory == inventoryId && l.Item == itemId);

    public void AddItem(int inventoryId, int itemId) => _links.Insert(new InventoryItemLink { Inventory = inventoryId, Item = itemId });

    /// <summary>Adds many links in one call.</summary>
    public void AddItems(IReadOnlyList<InventoryItemLink> links) => _links.InsertBulk(links, batchSize: Math.Max(links.Count, 1));

    public bool RemoveItem(int inventoryId, int itemId) => _links.DeleteMany(l => l.Inventory == inventoryId && l.Item == itemId) > 0;

    public int RemoveItemEverywhere(int itemId) => _links.DeleteMany(l => l.Item == itemId);

    /// <summary>Every user starts with an empty inventory, created with the account.</summary>
    public void Provision(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _inventories.Insert(new InventoryRecord { User = user.Id });
    }
}

using Dapper;
using GameServer.Accounts;
using GameServer.Storage;
using GameServer.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace GameServer.Inventory;

/// <summary>The <c>inventories</c> and <c>inventory_items</c> tables of the PostgreSQL database.</summary>
public sealed class PostgresInventoryStore(PostgresDatabase database, PostgresItemStore items, StoreMetrics metrics) : IInventoryStore
{
    private const string Store = "inventories";
    private const string Columns = "id, user_id AS \"user\"";
    private const string LinkColumns = "id, inventory_id AS inventory, item_id AS item";

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<InventoryRecord>("inventories", () => CountOf("inventories"), () => database.Stream<InventoryRecord>($"SELECT {Columns} FROM inventories ORDER BY id"), ImportInventories, () => database.Truncate("inventories")),
        new RecordSet<InventoryItemLink>("inventory_items", () => CountOf("inventory_items"), () => database.Stream<InventoryItemLink>($"SELECT {LinkColumns} FROM inventory_items ORDER BY id"), ImportLinks, () => database.Truncate("inventory_items")),
    ];

    public InventoryRecord? Find(int id)
    {
        using var timing = metrics.Time(Store, "find");
        return database.Run(c => c.QuerySingleOrDefault<InventoryRecord>($"SELECT {Columns} FROM inventories WHERE id = @id", new { id }));
    }

    public InventoryRecord? FindByUser(int userId)
    {
        using var timing = metrics.Time(Store, "find_by_user");
        return database.Run(c => c.QuerySingleOrDefault<InventoryRecord>($"SELECT {Columns} FROM inventories WHERE user_id = @userId", new { userId }));
    }

    public int Count()
    {
        using var timing = metrics.Time(Store, "count");
        return (int)CountOf("inventories");
    }

    public IReadOnlyList<InventoryRecord> Page(int offset, int limit)
    {
        using var timing = metrics.Time(Store, "page");
        return limit == 0 ? [] : database.Run(c => c.Query<InventoryRecord>($"SELECT {Columns} FROM inventories ORDER BY id OFFSET @offset LIMIT @limit", new { offset, limit }).AsList());
    }

    public IReadOnlyList<InventoryRecord> FindByUsers(IReadOnlyCollection<int> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        using var timing = metrics.Time(Store, "find_by_users");
        return userIds.Count == 0 ? [] : database.Run(c => ByUsers(c, userIds));
    }

    public List<int> ItemIdsOf(int inventoryId)
    {
        using var timing = metrics.Time(Store, "item_ids_of");
        return database.Run(c => c.Query<int>("SELECT item_id FROM inventory_items WHERE inventory_id = @inventoryId ORDER BY id", new { inventoryId }).AsList());
    }

    public Dictionary<int, List<int>> ItemIdsOf(IReadOnlyCollection<int> inventoryIds)
    {
        ArgumentNullException.ThrowIfNull(inventoryIds);
        using var timing = metrics.Time(Store, "item_ids_of_many");
        if (inventoryIds.Count == 0)
        {
            return [];
        }

        var ids = inventoryIds.ToArray();
        return database.Run(c => c.Query<(int Inventory, int Item)>("SELECT inventory_id, item_id FROM inventory_items WHERE inventory_id = ANY(@ids) ORDER BY id", new { ids }))
            .GroupBy(l => l.Inventory)
            .ToDictionary(g => g.Key, g => g.Select(l => l.Item).ToList());
    }

    public List<int> InventoriesHolding(int itemId)
    {
        using var timing = metrics.Time(Store, "inventories_holding");
        return database.Run(c => c.Query<int>("SELECT inventory_id FROM inventory_items WHERE item_id = @itemId ORDER BY id", new { itemId }).AsList());
    }

    public bool Holds(int inventoryId, int itemId)
    {
        using var timing = metrics.Time(Store, "holds");
        return database.Run(c => c.ExecuteScalar<bool>(
            "SELECT EXISTS (SELECT 1 FROM inventory_items WHERE inventory_id = @inventoryId AND item_id = @itemId)", new { inventoryId, itemId }));
    }

    public bool AddItem(int inventoryId, int itemId)
    {
        using var timing = metrics.Time(Store, "add_item");
        return database.Run(c => c.Execute(
            "INSERT INTO inventory_items (inventory_id, item_id) VALUES (@inventoryId, @itemId) ON CONFLICT (inventory_id, item_id) DO NOTHING",
            new { inventoryId, itemId })) > 0;
    }

    public bool RemoveItem(int inventoryId, int itemId)
    {
        using var timing = metrics.Time(Store, "remove_item");
        return database.Run(c => c.Execute("DELETE FROM inventory_items WHERE inventory_id = @inventoryId AND item_id = @itemId", new { inventoryId, itemId })) > 0;
    }

    public void ReplaceItems(int inventoryId, IReadOnlyList<int> removed, IReadOnlyList<int> added)
    {
        ArgumentNullException.ThrowIfNull(removed);
        ArgumentNullException.ThrowIfNull(added);
        using var timing = metrics.Time(Store, "replace_items");
        var gone = removed.ToArray();
        var adding = added.ToArray();
        database.InTransaction(c => c.Execute(
            """
            DELETE FROM inventory_items WHERE inventory_id = @inventoryId AND item_id = ANY(@gone);
            INSERT INTO inventory_items (inventory_id, item_id)
            SELECT @inventoryId, a.item FROM unnest(@adding) WITH ORDINALITY AS a(item, ord) ORDER BY a.ord;
            """,
            new { inventoryId, gone, adding }));
    }

    public IReadOnlyList<int>? DeleteItemEverywhere(int itemId)
    {
        using var timing = metrics.Time(Store, "delete_item_everywhere");
        return database.InTransaction(c =>
        {
            var holders = c.Query<int>("DELETE FROM inventory_items WHERE item_id = @itemId RETURNING inventory_id", new { itemId }).AsList();
            return c.Execute("DELETE FROM items WHERE id = @itemId", new { itemId }) > 0 ? holders : null;
        });
    }

    /// <summary>
    /// One transaction of four round trips whatever the batch's size: the inventories of the users, ids
    /// for the new items, the items by binary COPY, and the links by binary COPY.
    /// </summary>
    public IReadOnlyList<(InventoryRecord Inventory, ItemRecord Item)> GiveNewItems(IReadOnlyList<NewItemFor> gifts)
    {
        ArgumentNullException.ThrowIfNull(gifts);
        using var timing = metrics.Time(Store, "give_new_items");
        return database.InTransaction(c =>
        {
            var byUser = ByUsers(c, gifts.Select(g => g.UserId).ToHashSet()).ToDictionary(i => i.User);
            var given = gifts
                .Where(g => byUser.ContainsKey(g.UserId))
                .Select(g => (Inventory: byUser[g.UserId], Item: new ItemRecord { Name = g.Name, Weight = g.Weight }))
                .ToList();
            items.InsertManyInTransaction([.. given.Select(g => g.Item)]);
            database.Copy("inventory_items", "inventory_id, item_id", given, (row, g) =>
            {
                row.Write(g.Inventory.Id, NpgsqlDbType.Integer);
                row.Write(g.Item.Id, NpgsqlDbType.Integer);
            });
            return given;
        });
    }

    /// <summary>Every user starts with an empty inventory, created with the account: one statement for them all.</summary>
    public void Provision(IReadOnlyList<User> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        using var timing = metrics.Time(Store, "provision");
        var userIds = users.Select(u => u.Id).ToArray();
        database.Run(c => c.Execute("INSERT INTO inventories (user_id) SELECT unnest(@userIds)", new { userIds }));
    }

    private static List<InventoryRecord> ByUsers(NpgsqlConnection c, IReadOnlyCollection<int> userIds)
    {
        var ids = userIds.ToArray();
        return c.Query<InventoryRecord>($"SELECT {Columns} FROM inventories WHERE user_id = ANY(@ids)", new { ids }).AsList();
    }

    private long CountOf(string table) => database.Run(c => c.ExecuteScalar<long>($"SELECT count(*) FROM {table}"));

    private void ImportInventories(IReadOnlyList<InventoryRecord> records) => database.Import("inventories", "id, user_id", records, (row, i) =>
    {
        row.Write(i.Id, NpgsqlDbType.Integer);
        row.Write(i.User, NpgsqlDbType.Integer);
    });

    private void ImportLinks(IReadOnlyList<InventoryItemLink> records) => database.Import("inventory_items", "id, inventory_id, item_id", records, (row, l) =>
    {
        row.Write(l.Id, NpgsqlDbType.Integer);
        row.Write(l.Inventory, NpgsqlDbType.Integer);
        row.Write(l.Item, NpgsqlDbType.Integer);
    });
}

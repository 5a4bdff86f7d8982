using GameServer.Protocol.Client;

namespace GameServer.Protocol.Inventory;

/// <summary>Typed calls of the <c>items.*</c>, <c>inventories.*</c> and <c>inventory.*</c> methods.</summary>
public static class InventoryClientExtensions
{
    private static GameJsonContext Json => GameJsonContext.Default;

    /// <summary>A page of the items (the first 100 when no limit is given; at most 1000), ordered by weight, then id.</summary>
    public static Task<IReadOnlyList<Item>> ListItemsAsync(this GameClient client, int? offset = null, int? limit = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.ItemsList, new ItemListParams(offset, limit), Json.ItemListParams, Json.IReadOnlyListItem, cancellationToken);

    /// <summary>A page of the items whose name contains <paramref name="search"/>, ignoring case, ordered by weight, then id.</summary>
    public static Task<IReadOnlyList<Item>> SearchItemsAsync(this GameClient client, string search, int? offset = null, int? limit = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.ItemsList, new ItemListParams(offset, limit, search), Json.ItemListParams, Json.IReadOnlyListItem, cancellationToken);

    /// <summary>How many items there are, or how many have <paramref name="search"/> in their name.</summary>
    public static async Task<int> CountItemsAsync(this GameClient client, string? search = null, CancellationToken cancellationToken = default) =>
        (await client.CallAsync(Methods.ItemsCount, new ItemCountParams(search), Json.ItemCountParams, Json.ListTotal, cancellationToken).ConfigureAwait(false)).Total;

    /// <summary>One item.</summary>
    public static Task<Item> GetItemAsync(this GameClient client, int id, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.ItemsGet, new ItemRef(id), Json.ItemRef, Json.Item, cancellationToken);

    /// <summary>Creates an item (admins only).</summary>
    public static Task<Item> CreateItemAsync(this GameClient client, string name, double weight, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.ItemsCreate, new ItemCreate(name, weight), Json.ItemCreate, Json.Item, cancellationToken);

    /// <summary>Changes an item's name or weight (admins only).</summary>
    public static Task<Item> UpdateItemAsync(this GameClient client, int id, string? name = null, double? weight = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.ItemsUpdate, new ItemUpdate(id, name, weight), Json.ItemUpdate, Json.Item, cancellationToken);

    /// <summary>Deletes an item and takes it out of every inventory (admins only).</summary>
    public static Task<DeleteResult> DeleteItemAsync(this GameClient client, int id, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.ItemsDelete, new ItemRef(id), Json.ItemRef, Json.DeleteResult, cancellationToken);

    /// <summary>
    /// A page of the inventories in the original's shape (the first 100 when no limit is given; at
    /// most 1000), ordered by id; optionally only the one of <paramref name="username"/>.
    /// </summary>
    public static Task<IReadOnlyList<InventorySummary>> ListInventoriesAsync(this GameClient client, string? username = null, int? offset = null, int? limit = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.InventoriesList, new InventoryListParams(username, offset, limit), Json.InventoryListParams, Json.IReadOnlyListInventorySummary, cancellationToken);

    /// <summary>A page of the inventories whose owner's name contains <paramref name="search"/>, ignoring case, in the order of the owners' ids.</summary>
    public static Task<IReadOnlyList<InventorySummary>> SearchInventoriesAsync(this GameClient client, string search, int? offset = null, int? limit = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.InventoriesList, new InventoryListParams(null, offset, limit, search), Json.InventoryListParams, Json.IReadOnlyListInventorySummary, cancellationToken);

    /// <summary>How many inventories there are, or how many have an owner whose name contains <paramref name="search"/>.</summary>
    public static async Task<int> CountInventoriesAsync(this GameClient client, string? search = null, CancellationToken cancellationToken = default) =>
        (await client.CallAsync(Methods.InventoriesCount, new InventoryCountParams(null, search), Json.InventoryCountParams, Json.ListTotal, cancellationToken).ConfigureAwait(false)).Total;

    /// <summary>One inventory in the original's shape.</summary>
    public static Task<InventorySummary> GetInventoryAsync(this GameClient client, int id, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.InventoriesGet, new InventoryRef(id), Json.InventoryRef, Json.InventorySummary, cancellationToken);

    /// <summary>The caller's own inventory with its items expanded.</summary>
    public static Task<MyInventory> MyInventoryAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.InventoryMine, Json.MyInventory, cancellationToken);

    /// <summary>Puts an item into an inventory (admins only).</summary>
    public static Task<InventorySummary> AddItemToInventoryAsync(this GameClient client, int inventory, int item, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.InventoriesAddItem, new InventoryItemParams(inventory, item), Json.InventoryItemParams, Json.InventorySummary, cancellationToken);

    /// <summary>Takes an item out of an inventory (admins only).</summary>
    public static Task<InventorySummary> RemoveItemFromInventoryAsync(this GameClient client, int inventory, int item, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.InventoriesRemoveItem, new InventoryItemParams(inventory, item), Json.InventoryItemParams, Json.InventorySummary, cancellationToken);
}

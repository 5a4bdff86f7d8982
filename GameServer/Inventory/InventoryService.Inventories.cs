using GameServer.Protocol.Inventory;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Inventory;

public sealed partial class InventoryService
{
    /// <summary>
    /// A page of the inventories in the original's shape, ordered by id: <paramref name="limit"/> (100
    /// when left out, at most 1000) from <paramref name="offset"/>. With a username, only that user's
    /// (exact match), or none; with a <paramref name="search"/>, only those whose owner's name contains
    /// it, ignoring case, in the order of the owners' ids. Only the page's inventories and their links are read.
    /// </summary>
    public IReadOnlyList<InventorySummary> ListInventories(string? username = null, int? offset = null, int? limit = null, string? search = null)
    {
        var (skip, take) = ValidPage(offset, limit);
        var searched = ValidSearch(search);
        if (ValidUsernameFilter(username) is { } owner)
        {
            return InventoryOf(owner, searched) is { } inventory && skip == 0 && take > 0 ? [ToSummary(inventory)] : [];
        }

        IReadOnlyList<InventoryRecord> page;
        if (searched is null)
        {
            page = inventories.Page(skip, take);
        }
        else
        {
            var owners = accounts.IdsWithNameContaining(searched, skip, take);
            var byOwner = inventories.FindByUsers([.. owners]).ToDictionary(i => i.User);
            page = [.. owners.Select(byOwner.GetValueOrDefault).OfType<InventoryRecord>()];
        }

        var itemsOf = inventories.ItemIdsOf(page.Select(i => i.Id).ToList());
        return [.. page.Select(i => new InventorySummary(i.Id, i.User, itemsOf.GetValueOrDefault(i.Id) ?? []))];
    }

    /// <summary>How many inventories <see cref="ListInventories"/> pages through with the same filters.</summary>
    public int CountInventories(string? username = null, string? search = null)
    {
        var searched = ValidSearch(search);
        if (ValidUsernameFilter(username) is { } owner)
        {
            return InventoryOf(owner, searched) is null ? 0 : 1;
        }

        return searched is null ? inventories.Count() : accounts.CountWithNameContaining(searched);
    }

    public InventorySummary GetInventory(int id) => ToSummary(FindInventory(id));

    /// <summary>The user's own inventory, its items expanded and ordered by weight, then id.</summary>
    public MyInventory Mine(int userId)
    {
        var inventory = inventories.FindByUser(userId) ?? throw RpcException.NotFound("inventory of user", userId);
        var expanded = items.FindMany(inventories.ItemIdsOf(inventory.Id)).OrderBy(i => i.Weight).ThenBy(i => i.Id).Select(ToContract).ToList();
        return new MyInventory(inventory.Id, inventory.User, expanded, TotalWeight(expanded));
    }

    /// <summary>
    /// The sum of the weights, kept finite: items are bounded by <c>Inventory:MaxWeight</c>, but items
    /// stored before that bound may weigh up to 1.8e308 each, and two of them summed to infinity.
    /// </summary>
    internal static double TotalWeight(IEnumerable<Item> expanded)
    {
        var total = expanded.Sum(i => i.Weight);
        return double.IsFinite(total) ? total : double.MaxValue;
    }

    /// <summary>The inventory of the user named exactly <paramref name="username"/>, if that name also contains <paramref name="upperSearch"/> when one is given.</summary>
    private InventoryRecord? InventoryOf(string username, string? upperSearch = null)
    {
        var user = accounts.FindUserByName(username);
        var found = user is not null && string.Equals(user.Username, username, StringComparison.Ordinal)
            && (upperSearch is null || user.NormalizedUsername.Contains(upperSearch, StringComparison.Ordinal));
        return found ? inventories.FindByUser(user!.Id) : null;
    }

    /// <summary>Puts an item into an inventory; an item already there is a conflict.</summary>
    public InventorySummary AddItem(int inventoryId, int itemId)
    {
        InventoryRecord inventory;
        ItemRecord item;
        lock (_writes)
        {
            inventory = FindInventory(inventoryId);
            item = items.Find(itemId) ?? throw RpcException.NotFound("item", itemId);
            if (!inventories.AddItem(inventoryId, itemId))
            {
                throw RpcException.Conflict("item", "is already in this inventory");
            }
        }

        notify.ItemAdded(inventory, ToContract(item));
        return ToSummary(inventory);
    }

    public InventorySummary RemoveItem(int inventoryId, int itemId)
    {
        InventoryRecord inventory;
        lock (_writes)
        {
            inventory = FindInventory(inventoryId);
            if (!inventories.RemoveItem(inventoryId, itemId))
            {
                throw RpcException.NotFound("item in inventory", itemId);
            }
        }

        notify.ItemRemoved(inventory, itemId);
        return ToSummary(inventory);
    }

    /// <summary>
    /// Replaces the inventory's items as a whole (HTTP PUT and PATCH). Every id must name an existing
    /// item, at most once; the owner is told of each item added and removed.
    /// </summary>
    public InventorySummary ReplaceItems(int inventoryId, IReadOnlyList<int>? itemIds)
    {
        if (itemIds is null)
        {
            throw RpcException.InvalidParams("items", "is required");
        }

        if (itemIds.Distinct().Count() != itemIds.Count)
        {
            throw RpcException.InvalidParams("items", "must not name an item twice");
        }

        InventoryRecord inventory;
        List<int> removed;
        List<ItemRecord> added;
        lock (_writes)
        {
            inventory = FindInventory(inventoryId);
            var found = items.FindMany(itemIds).ToDictionary(i => i.Id);
            var unknown = itemIds.FirstOrDefault(id => !found.ContainsKey(id), -1);
            if (unknown != -1)
            {
                throw RpcException.InvalidParams("items", $"item {unknown} does not exist");
            }

            var current = inventories.ItemIdsOf(inventoryId);
            removed = current.Except(itemIds).ToList();
            added = itemIds.Except(current).Select(id => found[id]).ToList();
            inventories.ReplaceItems(inventoryId, removed, [.. added.Select(item => item.Id)]);
        }

        removed.ForEach(id => notify.ItemRemoved(inventory, id));
        added.ForEach(item => notify.ItemAdded(inventory, ToContract(item)));
        return ToSummary(inventory);
    }

    /// <summary>
    /// Empties the inventory. An inventory belongs to its user for the user's whole life (exactly one
    /// per user), so HTTP DELETE empties it rather than removing the record.
    /// </summary>
    public void Clear(int inventoryId) => ReplaceItems(inventoryId, []);

    private InventoryRecord FindInventory(int id) => inventories.Find(id) ?? throw RpcException.NotFound("inventory", id);

    private InventorySummary ToSummary(InventoryRecord inventory) => new(inventory.Id, inventory.User, inventories.ItemIdsOf(inventory.Id));
}

using GameServer.Accounts;
using GameServer.Storage;

namespace GameServer.Inventory;

/// <summary>
/// The inventories (one per user, provisioned with the account) and the links between inventories and
/// items, on either provider. Operations that write more than one record are atomic by themselves.
/// </summary>
public interface IInventoryStore : IAccountProvisioner, IRecordSource
{
    InventoryRecord? Find(int id);

    InventoryRecord? FindByUser(int userId);

    int Count();

    /// <summary>A page of the inventories ordered by id: only the page is read.</summary>
    IReadOnlyList<InventoryRecord> Page(int offset, int limit);

    /// <summary>The inventories of <paramref name="userIds"/> that exist.</summary>
    IReadOnlyList<InventoryRecord> FindByUsers(IReadOnlyCollection<int> userIds);

    /// <summary>The item ids of one inventory, in the order they were added.</summary>
    List<int> ItemIdsOf(int inventoryId);

    /// <summary>The item ids of each of <paramref name="inventoryIds"/> (those holding any), in the order they were added.</summary>
    Dictionary<int, List<int>> ItemIdsOf(IReadOnlyCollection<int> inventoryIds);

    /// <summary>The ids of the inventories holding <paramref name="itemId"/>.</summary>
    List<int> InventoriesHolding(int itemId);

    bool Holds(int inventoryId, int itemId);

    /// <summary>Links the item into the inventory; false (and nothing written) when it is there already.</summary>
    bool AddItem(int inventoryId, int itemId);

    bool RemoveItem(int inventoryId, int itemId);

    /// <summary>Takes <paramref name="removed"/> out of the inventory and puts <paramref name="added"/> in (in that order), all or nothing.</summary>
    void ReplaceItems(int inventoryId, IReadOnlyList<int> removed, IReadOnlyList<int> added);

    /// <summary>
    /// Deletes the item and every link to it, all or nothing; returns the inventories that held it, or
    /// null when there is no such item.
    /// </summary>
    IReadOnlyList<int>? DeleteItemEverywhere(int itemId);

    /// <summary>
    /// Creates one item per gift and links it into its user's inventory, all in one transaction and in a
    /// few batched statements, so a crash never leaves an item outside every inventory. Users without an
    /// inventory are skipped. Returns what was given, in the order asked, the items with their ids.
    /// </summary>
    IReadOnlyList<(InventoryRecord Inventory, ItemRecord Item)> GiveNewItems(IReadOnlyList<NewItemFor> gifts);
}

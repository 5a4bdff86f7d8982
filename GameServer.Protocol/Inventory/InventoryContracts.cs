using System.Text.Json.Serialization;

namespace GameServer.Protocol.Inventory;

/// <summary>An inventory in the original API's shape: its owner and the ids of its items.</summary>
/// <param name="Id">The inventory's id.</param>
/// <param name="User">The owner's user id.</param>
/// <param name="Items">Item ids, each at most once.</param>
public sealed record InventorySummary(int Id, int User, IReadOnlyList<int> Items);

/// <summary>Parameters of <c>inventories.list</c>: a page of the inventories ordered by id.</summary>
/// <param name="Username">Only the inventory of the user with exactly this name; all when left out.</param>
/// <param name="Offset">Inventories to skip; 0 when left out.</param>
/// <param name="Limit">Most inventories to return: 0 to 1000, 100 when left out.</param>
/// <param name="Search">Only the inventories whose owner's name contains this, ignoring case (at most 100 characters); all when left out or blank.</param>
public sealed record InventoryListParams(string? Username = null, int? Offset = null, int? Limit = null, string? Search = null);

/// <summary>Parameters of <c>inventories.count</c>: the filters of the <c>inventories.list</c> it counts for.</summary>
/// <param name="Username">As in <see cref="InventoryListParams"/>.</param>
/// <param name="Search">As in <see cref="InventoryListParams"/>.</param>
public sealed record InventoryCountParams(string? Username = null, string? Search = null);

/// <summary>Parameters naming one inventory by id: <c>inventories.get</c>.</summary>
/// <param name="Id">The inventory's id.</param>
public sealed record InventoryRef(int Id);

/// <summary>Parameters of <c>inventories.add_item</c> and <c>inventories.remove_item</c>.</summary>
/// <param name="Inventory">The inventory's id.</param>
/// <param name="Item">The item's id.</param>
public sealed record InventoryItemParams(int Inventory, int Item);

/// <summary>The answer to <c>inventory.mine</c>: the caller's inventory with its items expanded.</summary>
/// <param name="Id">The inventory's id.</param>
/// <param name="User">The caller's user id.</param>
/// <param name="Items">The items, ordered by weight, then id.</param>
/// <param name="TotalWeight">The sum of the items' weights in kilograms.</param>
public sealed record MyInventory(
    int Id,
    int User,
    IReadOnlyList<Item> Items,
    [property: JsonConverter(typeof(KilogramsConverter))] double TotalWeight);

/// <summary>Notification <c>inventory.item_added</c>, sent to every connection of the inventory's owner.</summary>
/// <param name="Inventory">The inventory's id.</param>
/// <param name="Item">The item now in it.</param>
public sealed record ItemAdded(int Inventory, Item Item);

/// <summary>Notification <c>inventory.item_removed</c>, sent to every connection of the inventory's owner.</summary>
/// <param name="Inventory">The inventory's id.</param>
/// <param name="Item">The id of the item no longer in it.</param>
public sealed record ItemRemoved(int Inventory, int Item);

/// <summary>
/// Notification <c>inventory.item_changed</c>, sent to every connection of the inventory's owner when
/// an item in it is renamed or re-weighed.
/// </summary>
/// <param name="Inventory">The inventory's id.</param>
/// <param name="Item">The item as it is now.</param>
public sealed record ItemChanged(int Inventory, Item Item);

/// <summary>The body of <c>PUT</c>/<c>PATCH /api/inventories/{id}/</c>: the item ids, replaced as a whole.</summary>
/// <param name="Items">The new item ids; when left out on PATCH, the items stay.</param>
public sealed record InventoryItemsBody(IReadOnlyList<int>? Items = null);

/// <summary>The body of <c>PATCH /api/items/{id}/</c>: any of the fields.</summary>
/// <param name="Name">A new name, if given.</param>
/// <param name="Weight">A new weight, if given.</param>
public sealed record ItemPatch(string? Name = null, double? Weight = null);

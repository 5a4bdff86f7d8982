using System.Globalization;
using GameServer.Accounts;
using GameServer.Protocol.Inventory;
using GameServer.Realtime.JsonRpc;
using Microsoft.Extensions.Options;

namespace GameServer.Inventory;

/// <summary>
/// The rules of items and inventories, in one place for the JSON-RPC handlers, the HTTP API and the
/// jobs: validation, the one-item-once rule, cascades, and the notifications to owners. This file
/// holds the items; <c>InventoryService.Inventories.cs</c> the inventories.
/// </summary>
public sealed partial class InventoryService(
    IItemStore items,
    IInventoryStore inventories,
    IAccountStore accounts,
    InventoryNotifier notify,
    IOptions<InventoryOptions> options)
{
    /// <summary>Items or inventories in a list when the client names no page size.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The most items or inventories one list answers with.</summary>
    public const int MaxPageSize = 1000;

    private const int MaxNameLength = 255;

    // Inventory changes check the links before they write them (an item at most once per inventory); one writer at a time keeps two checks from passing together.
    private readonly Lock _writes = new();

    /// <summary>
    /// A page of the items ordered by weight, then id: <paramref name="limit"/> (100 when left out, at
    /// most 1000) from <paramref name="offset"/>; with a <paramref name="search"/>, only the items whose
    /// name contains it, ignoring case.
    /// </summary>
    public IReadOnlyList<Item> ListItems(int? offset = null, int? limit = null, string? search = null)
    {
        var (skip, take) = ValidPage(offset, limit);
        var found = ValidSearch(search) is { } upper ? items.SearchByWeight(upper, skip, take) : items.ListByWeight(skip, take);
        return found.Select(ToContract).ToList();
    }

    /// <summary>How many items there are, or have <paramref name="search"/> in their name: the total a paged list is part of.</summary>
    public int CountItems(string? search = null) =>
        ValidSearch(search) is { } upper ? items.CountMatching(upper) : items.Count();

    public Item GetItem(int id) => ToContract(FindItem(id));

    public Item CreateItem(string? name, double? weight)
    {
        var item = new ItemRecord { Name = ValidName(name), Weight = ValidWeight(weight) };
        items.Insert(item);
        return ToContract(item);
    }

    /// <summary>
    /// Changes the fields given and keeps the others; when the item changed, the owners of the
    /// inventories holding it are told, so their panels do not show the old name or weight until a reload.
    /// </summary>
    public Item UpdateItem(int id, string? name, double? weight)
    {
        var item = FindItem(id);
        var newName = name is null ? item.Name : ValidName(name);
        var newWeight = weight is null ? item.Weight : ValidWeight(weight);
        var changed = newName != item.Name || newWeight.CompareTo(item.Weight) != 0;
        item.Name = newName;
        item.Weight = newWeight;
        if (!items.Update(item))
        {
            throw RpcException.NotFound("item", id);
        }

        var updated = ToContract(item);
        if (changed)
        {
            foreach (var inventory in inventories.InventoriesHolding(id).Select(inventories.Find).OfType<InventoryRecord>())
            {
                notify.ItemChanged(inventory, updated);
            }
        }

        return updated;
    }

    /// <summary>Replaces every field, as HTTP PUT does: both must be given.</summary>
    public Item ReplaceItem(int id, string? name, double? weight)
    {
        var validName = ValidName(name);
        var validWeight = ValidWeight(weight);
        return UpdateItem(id, validName, validWeight);
    }

    /// <summary>Deletes the item and takes it out of every inventory, in one transaction; the owners are notified.</summary>
    public void DeleteItem(int id)
    {
        List<InventoryRecord> holders;
        lock (_writes)
        {
            var holderIds = inventories.DeleteItemEverywhere(id) ?? throw RpcException.NotFound("item", id);
            holders = [.. holderIds.Select(inventories.Find).OfType<InventoryRecord>()];
        }

        foreach (var inventory in holders)
        {
            notify.ItemRemoved(inventory, id);
        }
    }

    internal static Item ToContract(ItemRecord item) => new(item.Id, item.Name, item.Weight);

    private ItemRecord FindItem(int id) => items.Find(id) ?? throw RpcException.NotFound("item", id);

    private static string ValidName(string? name)
    {
        var trimmed = name?.Trim() ?? throw RpcException.InvalidParams("name", "is required");
        return trimmed.Length is >= 1 and <= MaxNameLength
            ? trimmed
            : throw RpcException.InvalidParams("name", $"must be 1 to {MaxNameLength} characters after trimming");
    }

    private double ValidWeight(double? weight)
    {
        var max = options.Value.MaxWeight;
        return weight switch
        {
            null => throw RpcException.InvalidParams("weight", "is required"),
            { } w when !double.IsFinite(w) => throw RpcException.InvalidParams("weight", "must be a finite number"),
            < 0 => throw RpcException.InvalidParams("weight", "must be >= 0"),
            { } w when w > max => throw RpcException.InvalidParams("weight", $"must be at most {max.ToString(CultureInfo.InvariantCulture)}"),
            { } w => w,
        };
    }

    /// <summary>An offset and a limit a client may ask for: the limit defaults to a page, and a page is bounded.</summary>
    internal static (int Offset, int Limit) ValidPage(int? offset, int? limit) => (offset, limit) switch
    {
        ( < 0, _) => throw RpcException.InvalidParams("offset", "must be >= 0"),
        (_, < 0 or > MaxPageSize) => throw RpcException.InvalidParams("limit", $"must be 0 to {MaxPageSize}"),
        _ => (offset ?? 0, limit ?? DefaultPageSize),
    };
}

using GameServer.Protocol;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Inventory;

/// <summary>The <c>items.*</c>, <c>inventories.*</c> and <c>inventory.mine</c> methods: adapters over <see cref="InventoryService"/>.</summary>
public sealed class InventoryRpc(InventoryService inventory) : IRpcMethods
{
    public void MapTo(RpcMethodTable.Builder methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var json = GameJsonContext.Default;
        methods
            .Add(Methods.ItemsList, RpcAccess.User, json.ItemListParams, json.IReadOnlyListItem,
                (_, p, _) => ValueTask.FromResult(inventory.ListItems(p.Offset, p.Limit, p.Search)))
            .Add(Methods.ItemsCount, RpcAccess.User, json.ItemCountParams, json.ListTotal,
                (_, p, _) => ValueTask.FromResult(new Protocol.Inventory.ListTotal(inventory.CountItems(p.Search))))
            .Add(Methods.ItemsGet, RpcAccess.User, json.ItemRef, json.Item,
                (_, p, _) => ValueTask.FromResult(inventory.GetItem(p.Id)))
            .Add(Methods.ItemsCreate, RpcAccess.Admin, json.ItemCreate, json.Item,
                (_, p, _) => ValueTask.FromResult(inventory.CreateItem(p.Name, p.Weight)))
            .Add(Methods.ItemsUpdate, RpcAccess.Admin, json.ItemUpdate, json.Item,
                (_, p, _) => ValueTask.FromResult(inventory.UpdateItem(p.Id, p.Name, p.Weight)))
            .Add(Methods.ItemsDelete, RpcAccess.Admin, json.ItemRef, json.DeleteResult, (_, p, _) =>
            {
                inventory.DeleteItem(p.Id);
                return ValueTask.FromResult(new Protocol.Inventory.DeleteResult(true));
            })
            .Add(Methods.InventoriesList, RpcAccess.User, json.InventoryListParams, json.IReadOnlyListInventorySummary,
                (_, p, _) => ValueTask.FromResult(inventory.ListInventories(p.Username, p.Offset, p.Limit, p.Search)))
            .Add(Methods.InventoriesCount, RpcAccess.User, json.InventoryCountParams, json.ListTotal,
                (_, p, _) => ValueTask.FromResult(new Protocol.Inventory.ListTotal(inventory.CountInventories(p.Username, p.Search))))
            .Add(Methods.InventoriesGet, RpcAccess.User, json.InventoryRef, json.InventorySummary,
                (_, p, _) => ValueTask.FromResult(inventory.GetInventory(p.Id)))
            .Add(Methods.InventoryMine, RpcAccess.User, json.EmptyParams, json.MyInventory,
                (session, _, _) => ValueTask.FromResult(inventory.Mine(session.User!.Id)))
            .Add(Methods.InventoriesAddItem, RpcAccess.Admin, json.InventoryItemParams, json.InventorySummary,
                (_, p, _) => ValueTask.FromResult(inventory.AddItem(p.Inventory, p.Item)))
            .Add(Methods.InventoriesRemoveItem, RpcAccess.Admin, json.InventoryItemParams, json.InventorySummary,
                (_, p, _) => ValueTask.FromResult(inventory.RemoveItem(p.Inventory, p.Item)));
    }
}

using GameServer.Cluster;
using GameServer.Protocol;
using GameServer.Realtime;
using GameServer.Protocol.Inventory;

namespace GameServer.Inventory;

/// <summary>Pushes inventory changes to every open connection of the owner, on every node, and to nobody else.</summary>
public sealed class InventoryNotifier(SessionBus sessions)
{
    private static GameJsonContext Json => GameJsonContext.Default;

    public void ItemAdded(InventoryRecord inventory, Item item)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        sessions.SendToUser(inventory.User, Notification.Create(Methods.InventoryItemAdded, new ItemAdded(inventory.Id, item), Json.ItemAdded));
    }

    public void ItemRemoved(InventoryRecord inventory, int itemId)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        sessions.SendToUser(inventory.User, Notification.Create(Methods.InventoryItemRemoved, new ItemRemoved(inventory.Id, itemId), Json.ItemRemoved));
    }

    public void ItemChanged(InventoryRecord inventory, Item item)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        sessions.SendToUser(inventory.User, Notification.Create(Methods.InventoryItemChanged, new ItemChanged(inventory.Id, item), Json.ItemChanged));
    }
}

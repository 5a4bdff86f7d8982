using GameServer.Protocol;
using GameServer.Protocol.Inventory;
using GameServer.Realtime;

namespace GameServer.Inventory;

/// <summary>Pushes inventory changes to every open connection of the owner, and to nobody else.</summary>
public sealed class InventoryNotifier(SessionRegistry sessions)
{
    private static GameJsonContext Json => GameJsonContext.Default;

    public void ItemAdded(InventoryRecord inventory, Item item)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (sessions.IsOnline(inventory.User))
        {
            sessions.SendToUser(inventory.User, Notification.Create(Methods.InventoryItemAdded, new ItemAdded(inventory.Id, item), Json.ItemAdded));
        }
    }

    public void ItemRemoved(InventoryRecord inventory, int itemId)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (sessions.IsOnline(inventory.User))
        {
            sessions.SendToUser(inventory.User, Notification.Create(Methods.InventoryItemRemoved, new ItemRemoved(inventory.Id, itemId), Json.ItemRemoved));
        }
    }

    public void ItemChanged(InventoryRecord inventory, Item item)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (sessions.IsOnline(inventory.User))
        {
            sessions.SendToUser(inventory.User, Notification.Create(Methods.InventoryItemChanged, new ItemChanged(inventory.Id, item), Json.ItemChanged));
        }
    }
}

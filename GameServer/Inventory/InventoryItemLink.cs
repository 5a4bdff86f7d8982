namespace GameServer.Inventory;

/// <summary>
/// One item in one inventory. Links are rows of their own rather than a list inside the inventory, so
/// giving an item is one small insert however full the inventory is (a list in the document made every
/// gift rewrite the whole list and re-index it). The id keeps the order items were added in.
/// </summary>
public sealed class InventoryItemLink
{
    public int Id { get; set; }

    public int Inventory { get; set; }

    public int Item { get; set; }
}

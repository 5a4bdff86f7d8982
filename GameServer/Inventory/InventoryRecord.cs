namespace GameServer.Inventory;

/// <summary>A user's inventory as stored; its items are <see cref="InventoryItemLink"/> rows, as the original's many-to-many table was.</summary>
public sealed class InventoryRecord
{
    public int Id { get; set; }

    /// <summary>The owner's user id; one inventory per user.</summary>
    public int User { get; set; }
}

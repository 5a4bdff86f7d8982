namespace GameServer.Inventory;

/// <summary>A user's inventory as stored: the ids of the items it holds, each at most once.</summary>
public sealed class InventoryRecord
{
    public int Id { get; set; }

    /// <summary>The owner's user id; one inventory per user.</summary>
    public int User { get; set; }

    public List<int> Items { get; set; } = [];
}

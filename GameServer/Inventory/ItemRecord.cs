namespace GameServer.Inventory;

/// <summary>An item as stored.</summary>
public sealed class ItemRecord
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Kilograms.</summary>
    public double Weight { get; set; }
}

namespace GameServer.Players;

/// <summary>The world's size and movement rules, bound to the <c>World</c> section.</summary>
public sealed class WorldOptions
{
    public const string Section = "World";

    public double Width { get; set; } = 100;

    public double Height { get; set; } = 100;

    /// <summary>Moves a player may make per second before -32029.</summary>
    public int MaxMovesPerSecond { get; set; } = 20;

    /// <summary>Side of a spatial grid cell in world units; about the usual interest radius works well.</summary>
    public double GridCellSize { get; set; } = 10;
}

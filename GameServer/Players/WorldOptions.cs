using System.ComponentModel.DataAnnotations;

namespace GameServer.Players;

/// <summary>The world's size and movement rules, bound to the <c>World</c> section and checked at start-up.</summary>
public sealed class WorldOptions
{
    public const string Section = "World";

    // Positions move by steps of at most 1; beyond about 1e9 a double still holds them exactly enough.
    private const double MaxExtent = 1e9;

    [Range(0.0, MaxExtent, MinimumIsExclusive = true, ErrorMessage = "must be a number greater than 0 and at most 1000000000")]
    public double Width { get; set; } = 100;

    [Range(0.0, MaxExtent, MinimumIsExclusive = true, ErrorMessage = "must be a number greater than 0 and at most 1000000000")]
    public double Height { get; set; } = 100;

    /// <summary>Moves a player may make per second before -32029; also the burst a player may make at once.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be 1 to 1000000")]
    public int MaxMovesPerSecond { get; set; } = 20;

    /// <summary>Side of a spatial grid cell in world units; about the usual interest radius works well.</summary>
    [Range(0.0, MaxExtent, MinimumIsExclusive = true, ErrorMessage = "must be a number greater than 0 and at most 1000000000")]
    public double GridCellSize { get; set; } = 10;

    /// <summary>
    /// The largest <c>radius</c> a <c>players.subscribe</c> may ask for; when not set, the world's
    /// diagonal (a radius that sees the whole world from any corner).
    /// </summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "must be a number greater than 0")]
    public double? MaxRadius { get; set; }

    /// <summary><see cref="MaxRadius"/>, or the world's diagonal when it is not set.</summary>
    public double EffectiveMaxRadius => MaxRadius ?? Math.Sqrt((Width * Width) + (Height * Height));
}

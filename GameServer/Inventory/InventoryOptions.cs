using System.ComponentModel.DataAnnotations;

namespace GameServer.Inventory;

/// <summary>Item rules, bound to the <c>Inventory</c> section and checked at start-up.</summary>
public sealed class InventoryOptions
{
    public const string Section = "Inventory";

    /// <summary>
    /// The largest item weight in kilograms. Bounded so that any sum of weights stays finite: two
    /// items of 1e308 kg once made an inventory's total infinite, written as JSON no client parses.
    /// </summary>
    [Range(0.0, 1e12, MinimumIsExclusive = true, ErrorMessage = "must be a number greater than 0 and at most 1000000000000")]
    public double MaxWeight { get; set; } = 1_000_000;
}

namespace GameServer.Inventory;

/// <summary>A new item to create and put straight into a user's inventory.</summary>
/// <param name="UserId">The owner.</param>
/// <param name="Name">The new item's name.</param>
/// <param name="Weight">The new item's weight in kilograms.</param>
public sealed record NewItemFor(int UserId, string Name, double Weight);

public sealed partial class InventoryService
{
    /// <summary>
    /// Creates one item per entry and puts it into its user's inventory, all in one transaction, so a
    /// crash never leaves an item outside every inventory; then tells each online owner. For jobs that
    /// give many users something at once: a few calls of this instead of one transaction per user.
    /// </summary>
    /// <returns>The users given an item, in the order asked (users without an inventory are skipped).</returns>
    public IReadOnlyList<int> GiveNewItems(IReadOnlyList<NewItemFor> gifts)
    {
        ArgumentNullException.ThrowIfNull(gifts);
        List<(InventoryRecord Inventory, ItemRecord Item)> given;
        lock (_writes)
        {
            given = [.. inventories.GiveNewItems([.. gifts.Select(g => g with { Name = ValidName(g.Name), Weight = ValidWeight(g.Weight) })])];
        }

        foreach (var (inventory, item) in given)
        {
            notify.ItemAdded(inventory, ToContract(item));
        }

        return [.. given.Select(g => g.Inventory.User)];
    }
}

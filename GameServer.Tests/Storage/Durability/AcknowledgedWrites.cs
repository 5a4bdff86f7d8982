namespace GameServer.Tests.Storage.Durability;

/// <summary>
/// Every write the server acknowledged, and the ones it was sent but never answered (the kill came
/// first): an acknowledged write must be there after the restart; an unanswered one may or may not.
/// </summary>
public sealed class AcknowledgedWrites
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inventories = new(StringComparer.Ordinal);
    private readonly Dictionary<int, ItemState> _items = [];
    private readonly HashSet<(int Inventory, int Item)> _links = [];
    private int _gifts;

    public int Users
    {
        get
        {
            lock (_lock)
            {
                return _users.Count;
            }
        }
    }

    public int Items
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public int Links
    {
        get
        {
            lock (_lock)
            {
                return _links.Count;
            }
        }
    }

    public int Gifts => Volatile.Read(ref _gifts);

    public void UserRegistered(string username, int inventory)
    {
        lock (_lock)
        {
            _users.Add(username);
            _inventories[username] = inventory;
        }
    }

    public void ItemCreated(int id, string name, double weight)
    {
        lock (_lock)
        {
            _items[id] = new ItemState([(name, weight)], Deleted: false, DeletePending: false);
        }
    }

    /// <summary>An update sent: until it is answered, the item may hold either value.</summary>
    public void ItemUpdateSent(int id, double weight)
    {
        lock (_lock)
        {
            var item = _items[id];
            _items[id] = item with { Values = [.. item.Values, (item.Values[^1].Name, weight)] };
        }
    }

    public void ItemUpdated(int id, string name, double weight)
    {
        lock (_lock)
        {
            _items[id] = _items[id] with { Values = [(name, weight)] };
        }
    }

    public void ItemDeleteSent(int id)
    {
        lock (_lock)
        {
            _items[id] = _items[id] with { DeletePending = true };
        }
    }

    public void ItemDeleted(int id)
    {
        lock (_lock)
        {
            _items[id] = _items[id] with { Deleted = true, DeletePending = false };
        }
    }

    /// <summary>An item acknowledged in an inventory: by <c>inventories.add_item</c>, or a gift's <c>inventory.item_added</c>.</summary>
    public void ItemInInventory(int inventory, int item, bool gift = false)
    {
        if (gift)
        {
            Interlocked.Increment(ref _gifts);
        }

        lock (_lock)
        {
            _links.Add((inventory, item));
        }
    }

    /// <summary>A live item that no update or delete is waiting on, for the writers to change next.</summary>
    public int? PickSettledItem(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        lock (_lock)
        {
            var settled = _items.Where(i => !i.Value.Deleted && !i.Value.DeletePending && i.Value.Values.Count == 1).Select(i => i.Key).ToList();
            return settled.Count == 0 ? null : settled[random.Next(settled.Count)];
        }
    }

    public int? PickInventory(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        lock (_lock)
        {
            var inventories = _inventories.Values.ToList();
            return inventories.Count == 0 ? null : inventories[random.Next(inventories.Count)];
        }
    }

    /// <summary>What must be found after a restart, taken under the lock so the writers cannot change it halfway.</summary>
    public Expectations Expect()
    {
        lock (_lock)
        {
            var gone = _items.Where(i => i.Value.Deleted || i.Value.DeletePending).Select(i => i.Key).ToHashSet();
            return new Expectations(
                [.. _users],
                _items.ToDictionary(i => i.Key, i => i.Value),
                [.. _links.Where(l => !gone.Contains(l.Item))]);
        }
    }

    /// <summary>After a restart, settles what the kill left open to what the file holds.</summary>
    public void Settle(int id, (string Name, double Weight)? found)
    {
        lock (_lock)
        {
            _items[id] = found is { } value ? new ItemState([value], Deleted: false, DeletePending: false) : _items[id] with { Deleted = true, DeletePending = false };
        }
    }
}

/// <summary>An item as acknowledged: the values it may hold now (one once settled), and whether it is deleted or being deleted.</summary>
public sealed record ItemState(IReadOnlyList<(string Name, double Weight)> Values, bool Deleted, bool DeletePending);

/// <summary>A snapshot of <see cref="AcknowledgedWrites"/> to verify against.</summary>
public sealed record Expectations(IReadOnlyList<string> Users, IReadOnlyDictionary<int, ItemState> Items, IReadOnlyList<(int Inventory, int Item)> Links);

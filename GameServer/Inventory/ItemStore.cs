using GameServer.Storage;
using LiteDB;

namespace GameServer.Inventory;

/// <summary>The <c>items</c> collection.</summary>
public sealed class ItemStore(GameDatabase database, StoreMetrics? metrics = null)
{
    internal const string Collection = "items";

    private readonly ILiteCollection<ItemRecord> _items = database.Collection<ItemRecord>(Collection);
    private readonly StoreMetrics _metrics = metrics ?? StoreMetrics.Unrecorded;

    private const long CountMaxAgeMs = 1000;
    private long _version;
    private CachedCount _cached = new(0, -1, 0);

    public ItemRecord? Find(int id)
    {
        using var timing = _metrics.Time("items", "find");
        return _items.FindById(id);
    }

    /// <summary>The items of <paramref name="ids"/>; the ids go in as a parameter, for the reason given at <see cref="InventoryStore.FindByUsers"/>.</summary>
    public IReadOnlyList<ItemRecord> FindMany(IEnumerable<int> ids)
    {
        using var timing = _metrics.Time("items", "find_many");
        var keys = new BsonArray(ids.Select(id => new BsonValue(id)));
        return keys.Count == 0 ? [] : _items.Find(BsonExpression.Create("$._id IN @0", keys)).ToList();
    }

    /// <summary>
    /// How many items there are. LiteDB counts by walking the whole primary index (about 100 ms for
    /// 300,000 gifts) and every anonymous page asks for it, so a count is kept until the next write
    /// through this store, and at most a second: a write inside a transaction that a count overlapped
    /// shows up by then.
    /// </summary>
    public int Count()
    {
        using var timing = _metrics.Time("items", "count");
        var cached = _cached;
        if (cached.Version == Volatile.Read(ref _version) && Environment.TickCount64 - cached.TakenAt < CountMaxAgeMs)
        {
            return cached.Items;
        }

        var version = Volatile.Read(ref _version);
        var counted = _items.Count();
        _cached = new CachedCount(counted, version, Environment.TickCount64);
        return counted;
    }

    /// <summary>
    /// A page of the items ordered by weight, then id, through the index on both
    /// (<see cref="ItemOrderMigration"/>): only the page's documents are read, however many share a weight.
    /// </summary>
    public IReadOnlyList<ItemRecord> ListByWeight(int offset, int limit)
    {
        using var timing = _metrics.Time("items", "list_by_weight");
        return limit == 0 ? [] : _items.Query().OrderBy(ItemOrderMigration.Expression).Skip(offset).Limit(limit).ToList();
    }

    /// <summary>
    /// A page of the items whose name contains <paramref name="upperSearch"/> (upper case, invariant),
    /// ordered by weight, then id. No index can answer a substring, so the items are read in the
    /// index's order and filtered until the page is full: a search that matches little reads them all.
    /// </summary>
    public IReadOnlyList<ItemRecord> SearchByWeight(string upperSearch, int offset, int limit)
    {
        using var timing = _metrics.Time("items", "search_by_weight");
        return limit == 0 ? [] : _items.Query().Where(NameContains(upperSearch)).OrderBy(ItemOrderMigration.Expression).Skip(offset).Limit(limit).ToList();
    }

    /// <summary>How many items have <paramref name="upperSearch"/> in their name (a full read: not cached, as searches vary).</summary>
    public int CountMatching(string upperSearch)
    {
        using var timing = _metrics.Time("items", "count_matching");
        return _items.Count(NameContains(upperSearch));
    }

    public void Insert(ItemRecord item)
    {
        using var timing = _metrics.Time("items", "insert");
        Forget();
        _items.Insert(item);
    }

    /// <summary>Inserts many items in one call; each gets its id.</summary>
    public void InsertMany(IReadOnlyList<ItemRecord> newItems)
    {
        using var timing = _metrics.Time("items", "insert_many");
        Forget();
        _items.InsertBulk(newItems, batchSize: Math.Max(newItems.Count, 1));
    }

    public void Update(ItemRecord item)
    {
        using var timing = _metrics.Time("items", "update");
        _items.Update(item);
    }

    public bool Delete(int id)
    {
        using var timing = _metrics.Time("items", "delete");
        Forget();
        return _items.Delete(id);
    }

    // The search goes in as a parameter, so one compiled expression serves every search (see InventoryStore.FindByUsers).
    private static BsonExpression NameContains(string upperSearch) =>
        BsonExpression.Create("INDEXOF(UPPER($.Name), @0) >= 0", new BsonValue(upperSearch));

    private void Forget() => Interlocked.Increment(ref _version);

    private sealed record CachedCount(int Items, long Version, long TakenAt);
}

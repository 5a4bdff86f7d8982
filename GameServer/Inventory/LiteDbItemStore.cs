using GameServer.Storage;
using GameServer.Storage.LiteDb;
using LiteDB;

namespace GameServer.Inventory;

/// <summary>The <c>items</c> collection of the LiteDB file.</summary>
public sealed class LiteDbItemStore(GameDatabase database, StoreMetrics metrics) : IItemStore
{
    internal const string Collection = "items";
    private const string Store = "items";
    private const long CountMaxAgeMs = 1000;

    private readonly ILiteCollection<ItemRecord> _items = database.Collection<ItemRecord>(Collection);
    private long _version;
    private CachedCount _cached = new(0, -1, 0);

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<ItemRecord>(Collection, () => _items.LongCount(), () => _items.Query().OrderBy(i => i.Id).ToEnumerable(), InsertMany, Clear),
    ];

    public ItemRecord? Find(int id)
    {
        using var timing = metrics.Time(Store, "find");
        return _items.FindById(id);
    }

    /// <summary>The ids go in as a parameter, for the reason given at <see cref="LiteDbInventoryStore.FindByUsers"/>.</summary>
    public IReadOnlyList<ItemRecord> FindMany(IEnumerable<int> ids)
    {
        using var timing = metrics.Time(Store, "find_many");
        var keys = new BsonArray(ids.Select(id => new BsonValue(id)));
        return keys.Count == 0 ? [] : _items.Find(BsonExpression.Create("$._id IN @0", keys)).ToList();
    }

    /// <summary>
    /// LiteDB counts by walking the whole primary index (about 100 ms for 300,000 gifts) and every
    /// anonymous page asks for it, so a count is kept until the next write through this store, and at
    /// most a second: a write inside a transaction that a count overlapped shows up by then.
    /// </summary>
    public int Count()
    {
        using var timing = metrics.Time(Store, "count");
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
    /// Only the page's documents are read, however many share a weight, through the index on
    /// (weight, id) (<see cref="ItemOrderMigration"/>).
    /// </summary>
    public IReadOnlyList<ItemRecord> ListByWeight(int offset, int limit)
    {
        using var timing = metrics.Time(Store, "list_by_weight");
        return limit == 0 ? [] : _items.Query().OrderBy(ItemOrderMigration.Expression).Skip(offset).Limit(limit).ToList();
    }

    /// <summary>The items are read in the (weight, id) index's order and filtered until the page is full.</summary>
    public IReadOnlyList<ItemRecord> SearchByWeight(string upperSearch, int offset, int limit)
    {
        using var timing = metrics.Time(Store, "search_by_weight");
        return limit == 0 ? [] : _items.Query().Where(NameContains(upperSearch)).OrderBy(ItemOrderMigration.Expression).Skip(offset).Limit(limit).ToList();
    }

    public int CountMatching(string upperSearch)
    {
        using var timing = metrics.Time(Store, "count_matching");
        return _items.Count(NameContains(upperSearch));
    }

    public void Insert(ItemRecord item)
    {
        using var timing = metrics.Time(Store, "insert");
        Forget();
        _items.Insert(item);
    }

    public void InsertMany(IReadOnlyList<ItemRecord> newItems)
    {
        ArgumentNullException.ThrowIfNull(newItems);
        using var timing = metrics.Time(Store, "insert_many");
        InsertManyInTransaction(newItems);
    }

    public bool Update(ItemRecord item)
    {
        using var timing = metrics.Time(Store, "update");
        return _items.Update(item);
    }

    /// <summary>Inserts inside the caller's transaction (the inventory store's gift run).</summary>
    internal void InsertManyInTransaction(IReadOnlyList<ItemRecord> newItems)
    {
        Forget();
        database.InTransaction(() => _items.InsertBulk(newItems, batchSize: Math.Max(newItems.Count, 1)));
    }

    /// <summary>Deletes inside the caller's transaction (the inventory store's delete everywhere).</summary>
    internal bool DeleteInTransaction(int id)
    {
        Forget();
        return _items.Delete(id);
    }

    private void Clear()
    {
        Forget();
        _items.DeleteAll();
    }

    // The search goes in as a parameter, so one compiled expression serves every search (see LiteDbInventoryStore.FindByUsers).
    private static BsonExpression NameContains(string upperSearch) =>
        BsonExpression.Create("INDEXOF(UPPER($.Name), @0) >= 0", new BsonValue(upperSearch));

    private void Forget() => Interlocked.Increment(ref _version);

    private sealed record CachedCount(int Items, long Version, long TakenAt);
}

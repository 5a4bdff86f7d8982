using GameServer.Storage;
using LiteDB;

namespace GameServer.Inventory;

/// <summary>The <c>items</c> collection.</summary>
public sealed class ItemStore(GameDatabase database)
{
    internal const string Collection = "items";

    private readonly ILiteCollection<ItemRecord> _items = database.Collection<ItemRecord>(Collection);

    public ItemRecord? Find(int id) => _items.FindById(id);

    /// <summary>The items of <paramref name="ids"/>; the ids go in as a parameter, for the reason given at <see cref="InventoryStore.FindByUsers"/>.</summary>
    public IReadOnlyList<ItemRecord> FindMany(IEnumerable<int> ids)
    {
        var keys = new BsonArray(ids.Select(id => new BsonValue(id)));
        return keys.Count == 0 ? [] : _items.Find(BsonExpression.Create("$._id IN @0", keys)).ToList();
    }

    /// <summary>Items ordered by weight, then id; the index on weight does the first part.</summary>
    public IReadOnlyList<ItemRecord> ListByWeight(int offset, int? limit)
    {
        var ordered = _items.Query().OrderBy(i => i.Weight).ToEnumerable()
            .OrderBy(i => i.Weight).ThenBy(i => i.Id)
            .Skip(offset);
        return (limit is { } max ? ordered.Take(max) : ordered).ToList();
    }

    public void Insert(ItemRecord item) => _items.Insert(item);

    /// <summary>Inserts many items in one call; each gets its id.</summary>
    public void InsertMany(IReadOnlyList<ItemRecord> newItems) => _items.InsertBulk(newItems, batchSize: Math.Max(newItems.Count, 1));

    public void Update(ItemRecord item) => _items.Update(item);

    public bool Delete(int id) => _items.Delete(id);
}

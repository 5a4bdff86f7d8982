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

    public int Count() => _items.Count();

    /// <summary>A page of the items ordered by weight, then id, reading only the items up to the page's end.</summary>
    public IReadOnlyList<ItemRecord> ListByWeight(int offset, int limit) =>
        limit == 0 ? [] : ByWeightThenId().Skip(offset).Take(limit).ToList();

    /// <summary>
    /// LiteDB walks the index on weight in order, without sorting. Equal weights come in the index's
    /// order, which an update can change, so each run of equal weights is ordered by id before it is
    /// yielded: only one run is held at a time, and nothing past the page is read.
    /// </summary>
    private IEnumerable<ItemRecord> ByWeightThenId()
    {
        var run = new List<ItemRecord>();
        foreach (var item in _items.Query().OrderBy(i => i.Weight).ToEnumerable())
        {
            if (run.Count > 0 && item.Weight != run[0].Weight)
            {
                foreach (var inRun in run.OrderBy(i => i.Id))
                {
                    yield return inRun;
                }

                run.Clear();
            }

            run.Add(item);
        }

        foreach (var inRun in run.OrderBy(i => i.Id))
        {
            yield return inRun;
        }
    }

    public void Insert(ItemRecord item) => _items.Insert(item);

    /// <summary>Inserts many items in one call; each gets its id.</summary>
    public void InsertMany(IReadOnlyList<ItemRecord> newItems) => _items.InsertBulk(newItems, batchSize: Math.Max(newItems.Count, 1));

    public void Update(ItemRecord item) => _items.Update(item);

    public bool Delete(int id) => _items.Delete(id);
}

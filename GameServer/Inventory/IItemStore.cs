using GameServer.Storage;

namespace GameServer.Inventory;

/// <summary>The items, on either provider. Deleting an item, which also empties it out of inventories, is <see cref="IInventoryStore.DeleteItemEverywhere"/>.</summary>
public interface IItemStore : IRecordSource
{
    ItemRecord? Find(int id);

    /// <summary>The items of <paramref name="ids"/> that exist, in no particular order.</summary>
    IReadOnlyList<ItemRecord> FindMany(IEnumerable<int> ids);

    /// <summary>How many items there are; may lag a write by up to a second (see the LiteDB store).</summary>
    int Count();

    /// <summary>A page of the items ordered by weight, then id, through the index on both.</summary>
    IReadOnlyList<ItemRecord> ListByWeight(int offset, int limit);

    /// <summary>
    /// A page of the items whose name contains <paramref name="upperSearch"/> (upper case, invariant)
    /// as plain text, ordered by weight, then id. No index answers a substring: a search reads every name.
    /// </summary>
    IReadOnlyList<ItemRecord> SearchByWeight(string upperSearch, int offset, int limit);

    /// <summary>How many items have <paramref name="upperSearch"/> in their name (not cached, as searches vary).</summary>
    int CountMatching(string upperSearch);

    /// <summary>Inserts the item; its id is set.</summary>
    void Insert(ItemRecord item);

    /// <summary>Inserts many items in one transaction; each gets its id.</summary>
    void InsertMany(IReadOnlyList<ItemRecord> newItems);

    /// <summary>Writes the item's name and weight; false when it does not exist.</summary>
    bool Update(ItemRecord item);
}

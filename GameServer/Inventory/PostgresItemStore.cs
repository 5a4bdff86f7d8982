using Dapper;
using GameServer.Storage;
using GameServer.Storage.Postgres;
using NpgsqlTypes;

namespace GameServer.Inventory;

/// <summary>The <c>items</c> table of the PostgreSQL database.</summary>
public sealed class PostgresItemStore(PostgresDatabase database, StoreMetrics metrics) : IItemStore
{
    internal const string Table = "items";
    private const string Store = "items";
    private const string Columns = "id, name, weight";

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<ItemRecord>(Table, () => Count(), () => database.Stream<ItemRecord>($"SELECT {Columns} FROM items ORDER BY id"), Import, () => database.Truncate(Table)),
    ];

    public ItemRecord? Find(int id)
    {
        using var timing = metrics.Time(Store, "find");
        return database.Run(c => c.QuerySingleOrDefault<ItemRecord>($"SELECT {Columns} FROM items WHERE id = @id", new { id }));
    }

    public IReadOnlyList<ItemRecord> FindMany(IEnumerable<int> ids)
    {
        using var timing = metrics.Time(Store, "find_many");
        var wanted = ids.ToArray();
        return wanted.Length == 0 ? [] : database.Run(c => c.Query<ItemRecord>($"SELECT {Columns} FROM items WHERE id = ANY(@wanted)", new { wanted }).AsList());
    }

    public int Count()
    {
        using var timing = metrics.Time(Store, "count");
        return database.Run(c => c.ExecuteScalar<int>("SELECT count(*) FROM items"));
    }

    /// <summary>Walks the (weight, id) index: only the page's rows are read.</summary>
    public IReadOnlyList<ItemRecord> ListByWeight(int offset, int limit)
    {
        using var timing = metrics.Time(Store, "list_by_weight");
        return limit == 0 ? [] : database.Run(c => c.Query<ItemRecord>($"SELECT {Columns} FROM items ORDER BY weight, id OFFSET @offset LIMIT @limit", new { offset, limit }).AsList());
    }

    /// <summary>
    /// strpos, not LIKE: the search is plain text, so a '%' or '_' in it matches only itself. upper() is
    /// the database's; for ASCII it agrees with .NET's invariant upper case that LiteDB uses.
    /// </summary>
    public IReadOnlyList<ItemRecord> SearchByWeight(string upperSearch, int offset, int limit)
    {
        using var timing = metrics.Time(Store, "search_by_weight");
        return limit == 0 ? [] : database.Run(c => c.Query<ItemRecord>(
            $"SELECT {Columns} FROM items WHERE strpos(upper(name), @upperSearch) > 0 ORDER BY weight, id OFFSET @offset LIMIT @limit",
            new { upperSearch, offset, limit }).AsList());
    }

    public int CountMatching(string upperSearch)
    {
        using var timing = metrics.Time(Store, "count_matching");
        return database.Run(c => c.ExecuteScalar<int>("SELECT count(*) FROM items WHERE strpos(upper(name), @upperSearch) > 0", new { upperSearch }));
    }

    public void Insert(ItemRecord item)
    {
        ArgumentNullException.ThrowIfNull(item);
        using var timing = metrics.Time(Store, "insert");
        item.Id = database.Run(c => c.ExecuteScalar<int>("INSERT INTO items (name, weight) VALUES (@Name, @Weight) RETURNING id", new { item.Name, item.Weight }));
    }

    public void InsertMany(IReadOnlyList<ItemRecord> newItems)
    {
        ArgumentNullException.ThrowIfNull(newItems);
        using var timing = metrics.Time(Store, "insert_many");
        database.InTransaction(_ => InsertManyInTransaction(newItems));
    }

    public bool Update(ItemRecord item)
    {
        ArgumentNullException.ThrowIfNull(item);
        using var timing = metrics.Time(Store, "update");
        return database.Run(c => c.Execute("UPDATE items SET name = @Name, weight = @Weight WHERE id = @Id", new { item.Name, item.Weight, item.Id })) > 0;
    }

    /// <summary>
    /// Takes ids from the table's identity first, then writes the items with them by binary COPY: two round
    /// trips however many items, and each item knows its id (a gift run links them at once).
    /// </summary>
    internal void InsertManyInTransaction(IReadOnlyList<ItemRecord> newItems)
    {
        if (newItems.Count == 0)
        {
            return;
        }

        database.InTransaction(c =>
        {
            var ids = c.Query<int>("SELECT nextval(pg_get_serial_sequence('items', 'id'))::integer FROM generate_series(1, @count)", new { count = newItems.Count }).AsList();
            for (var i = 0; i < newItems.Count; i++)
            {
                newItems[i].Id = ids[i];
            }

            database.Copy(Table, Columns, newItems, WriteRow);
        });
    }

    private void Import(IReadOnlyList<ItemRecord> records) => database.Import(Table, Columns, records, WriteRow);

    private static void WriteRow(Npgsql.NpgsqlBinaryImporter row, ItemRecord item)
    {
        row.Write(item.Id, NpgsqlDbType.Integer);
        row.Write(item.Name, NpgsqlDbType.Text);
        row.Write(item.Weight, NpgsqlDbType.Double);
    }
}

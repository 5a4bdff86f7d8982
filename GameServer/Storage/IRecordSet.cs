namespace GameServer.Storage;

/// <summary>
/// Every record of one table (a LiteDB collection, a PostgreSQL table), read and written with the ids
/// they have: what <c>storage copy</c> moves between providers. Both providers give the same record
/// types for a name, with dates in UTC, so a set read from one is written to the other as it is.
/// </summary>
public interface IRecordSet
{
    /// <summary>The table's name, the same on both providers (<c>users</c>, <c>items</c>, ...).</summary>
    string Name { get; }

    /// <summary>The CLR type of its records.</summary>
    Type RecordType { get; }

    long Count();

    /// <summary>Every record, in id order, streamed rather than loaded at once.</summary>
    IEnumerable<object> ReadAll();

    /// <summary>
    /// Writes <paramref name="records"/> with their ids as they are, in one transaction; ids the store
    /// hands out afterwards continue after the largest one written.
    /// </summary>
    void ImportBatch(IReadOnlyList<object> records);

    /// <summary>
    /// Deletes every record, for a copy onto a target it may overwrite. PostgreSQL starts its ids again
    /// from 1; LiteDB does not reuse ids it handed out. Either way, an import then writes its own ids.
    /// </summary>
    void Clear();
}

/// <summary>A store that can hand over its tables as <see cref="IRecordSet"/>s; every store is one.</summary>
public interface IRecordSource
{
    IReadOnlyList<IRecordSet> RecordSets { get; }
}

/// <summary>An <see cref="IRecordSet"/> of records of type <typeparamref name="T"/>, made of three functions of its store.</summary>
public sealed class RecordSet<T>(string name, Func<long> count, Func<IEnumerable<T>> readAll, Action<IReadOnlyList<T>> import, Action clear) : IRecordSet
    where T : class
{
    public string Name => name;

    public Type RecordType => typeof(T);

    public long Count() => count();

    public IEnumerable<object> ReadAll() => readAll();

    public void ImportBatch(IReadOnlyList<object> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        import([.. records.Cast<T>()]);
    }

    public void Clear() => clear();
}

namespace GameServer.Storage.Commands;

/// <summary>
/// Copies every record of every table from one set of stores to another, table by table in the order
/// the features register them, in batches (each batch one transaction on the target).
/// </summary>
public sealed class RecordCopier
{
    /// <summary>Records written per transaction: large enough to be quick, small enough to hold in memory.</summary>
    public const int BatchSize = 1000;

    private readonly IReadOnlyList<(IRecordSet From, IRecordSet To)> _tables;

    private RecordCopier(IReadOnlyList<(IRecordSet From, IRecordSet To)> tables) => _tables = tables;

    /// <summary>Pairs the tables of both sides by name; throws when one side has a table the other lacks.</summary>
    public static RecordCopier Pair(IReadOnlyList<IRecordSet> from, IReadOnlyList<IRecordSet> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var targets = to.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var unmatched = from.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        unmatched.SymmetricExceptWith(to.Select(t => t.Name));
        if (unmatched.Count > 0)
        {
            throw new InvalidOperationException($"the two sides do not have the same tables: {string.Join(", ", unmatched.Order(StringComparer.Ordinal))}");
        }

        return new RecordCopier([.. from.Select(t => (t, targets[t.Name]))]);
    }

    /// <summary>The tables of the target that hold records, with their counts.</summary>
    public IReadOnlyList<(string Table, long Count)> TargetRecords() =>
        [.. _tables.Select(t => (t.To.Name, Count: t.To.Count())).Where(t => t.Count > 0)];

    /// <summary>Empties the target, dependants first.</summary>
    public void ClearTarget()
    {
        foreach (var (_, to) in _tables.Reverse())
        {
            to.Clear();
        }
    }

    /// <summary>Copies every record; returns each table's count, checked on the target afterwards.</summary>
    public IReadOnlyList<(string Table, long Count)> Copy(Func<long, CopyProgress> progressFor)
    {
        ArgumentNullException.ThrowIfNull(progressFor);
        var counts = _tables.Select(t => t.From.Count()).ToList();
        var progress = progressFor(counts.Sum());
        var copied = new List<(string, long)>();
        for (var i = 0; i < _tables.Count; i++)
        {
            var (from, to) = _tables[i];
            long done = 0;
            foreach (var batch in from.ReadAll().Chunk(BatchSize))
            {
                to.ImportBatch(batch);
                done += batch.Length;
                progress.Advance(from.Name, done, counts[i], batch.Length);
            }

            // A count that moved means the source changed under the copy (a server writing to it).
            var landed = to.Count();
            if (landed != done || done != counts[i])
            {
                throw new InvalidOperationException($"{from.Name}: {counts[i]} records counted, {done} read, {landed} in the target; was the source in use?");
            }

            progress.TableDone(from.Name, done);
            copied.Add((from.Name, done));
        }

        progress.Finish();
        return copied;
    }
}

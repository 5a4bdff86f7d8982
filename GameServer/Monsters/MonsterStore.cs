using GameServer.Storage;
using LiteDB;

namespace GameServer.Monsters;

/// <summary>The <c>monsters</c> collection.</summary>
public sealed class MonsterStore(GameDatabase database, StoreMetrics? metrics = null)
{
    internal const string Collection = "monsters";

    private readonly ILiteCollection<MonsterRecord> _monsters = database.Collection<MonsterRecord>(Collection);
    private readonly StoreMetrics _metrics = metrics ?? StoreMetrics.Unrecorded;

    public MonsterRecord? Find(int id)
    {
        using var timing = _metrics.Time("monsters", "find");
        return _monsters.FindById(id);
    }

    public IReadOnlyList<MonsterRecord> All()
    {
        using var timing = _metrics.Time("monsters", "all");
        return _monsters.Query().OrderBy(m => m.Id).ToList();
    }

    public void Insert(MonsterRecord monster)
    {
        using var timing = _metrics.Time("monsters", "insert");
        _monsters.Insert(monster);
    }

    public void Update(MonsterRecord monster)
    {
        using var timing = _metrics.Time("monsters", "update");
        _monsters.Update(monster);
    }

    /// <summary>Writes many monsters in one transaction.</summary>
    public void UpdateMany(IReadOnlyList<MonsterRecord> changed)
    {
        using var timing = _metrics.Time("monsters", "update_many");
        database.InTransaction(() => _monsters.Update(changed));
    }

    public bool Delete(int id)
    {
        using var timing = _metrics.Time("monsters", "delete");
        return _monsters.Delete(id);
    }
}

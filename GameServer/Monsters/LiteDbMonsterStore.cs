using GameServer.Storage;
using GameServer.Storage.LiteDb;
using LiteDB;

namespace GameServer.Monsters;

/// <summary>The <c>monsters</c> collection of the LiteDB file.</summary>
public sealed class LiteDbMonsterStore(GameDatabase database, StoreMetrics metrics) : IMonsterStore
{
    internal const string Collection = "monsters";
    private const string Store = "monsters";

    private readonly ILiteCollection<MonsterRecord> _monsters = database.Collection<MonsterRecord>(Collection);

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<MonsterRecord>(Collection, () => _monsters.LongCount(), () => _monsters.Query().OrderBy(m => m.Id).ToEnumerable().Select(Utc), Import, () => _monsters.DeleteAll()),
    ];

    public MonsterRecord? Find(int id)
    {
        using var timing = metrics.Time(Store, "find");
        return _monsters.FindById(id);
    }

    public IReadOnlyList<MonsterRecord> All()
    {
        using var timing = metrics.Time(Store, "all");
        return _monsters.Query().OrderBy(m => m.Id).ToList();
    }

    public void Insert(MonsterRecord monster)
    {
        using var timing = metrics.Time(Store, "insert");
        _monsters.Insert(monster);
    }

    public bool Update(MonsterRecord monster)
    {
        using var timing = metrics.Time(Store, "update");
        return _monsters.Update(monster);
    }

    public void UpdateMany(IReadOnlyList<MonsterRecord> changed)
    {
        using var timing = metrics.Time(Store, "update_many");
        database.InTransaction(() => _monsters.Update(changed));
    }

    public bool Delete(int id)
    {
        using var timing = metrics.Time(Store, "delete");
        return _monsters.Delete(id);
    }

    private void Import(IReadOnlyList<MonsterRecord> monsters) =>
        database.InTransaction(() => _monsters.InsertBulk(monsters, batchSize: Math.Max(monsters.Count, 1)));

    private static MonsterRecord Utc(MonsterRecord monster)
    {
        monster.RespawnAt = GameDatabase.Utc(monster.RespawnAt);
        return monster;
    }
}

using GameServer.Storage;
using LiteDB;

namespace GameServer.Monsters;

/// <summary>The <c>monsters</c> collection.</summary>
public sealed class MonsterStore(GameDatabase database)
{
    internal const string Collection = "monsters";

    private readonly ILiteCollection<MonsterRecord> _monsters = database.Collection<MonsterRecord>(Collection);

    public MonsterRecord? Find(int id) => _monsters.FindById(id);

    public IReadOnlyList<MonsterRecord> All() => _monsters.Query().OrderBy(m => m.Id).ToList();

    public void Insert(MonsterRecord monster) => _monsters.Insert(monster);

    public void Update(MonsterRecord monster) => _monsters.Update(monster);

    /// <summary>Writes many monsters in one transaction.</summary>
    public void UpdateMany(IReadOnlyList<MonsterRecord> changed) => database.InTransaction(() => _monsters.Update(changed));

    public bool Delete(int id) => _monsters.Delete(id);
}

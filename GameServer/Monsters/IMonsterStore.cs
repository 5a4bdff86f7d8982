using GameServer.Storage;

namespace GameServer.Monsters;

/// <summary>The monsters, on either provider.</summary>
public interface IMonsterStore : IRecordSource
{
    MonsterRecord? Find(int id);

    /// <summary>Every monster, in id order.</summary>
    IReadOnlyList<MonsterRecord> All();

    /// <summary>Inserts the monster; its id is set.</summary>
    void Insert(MonsterRecord monster);

    /// <summary>Writes every field of the monster; false when it does not exist.</summary>
    bool Update(MonsterRecord monster);

    /// <summary>Writes many monsters in one transaction.</summary>
    void UpdateMany(IReadOnlyList<MonsterRecord> changed);

    bool Delete(int id);
}

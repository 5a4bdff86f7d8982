using GameServer.Cluster.Authority;
using GameServer.Players;
using GameServer.Protocol.Monsters;
using GameServer.World;

namespace GameServer.Monsters;

/// <summary>
/// Every monster, in memory: the authority while the server runs. Admin changes are written to the
/// store at once; tick and combat changes are remembered in its <see cref="ChangeSet"/> and written in
/// batches by <see cref="MonsterPersistJob"/>; every change is shown at the next patch (<see cref="MonsterFeed"/>).
/// </summary>
public sealed partial class MonsterWorld(IMonsterStore store, PlayerWorld players, IAuthority authority, WorldPatches patches) : IEntitySource<Monster>
{
    private readonly Dictionary<int, MonsterRecord> _monsters = [];

    /// <summary>Guards every monster; never taken while holding the player world's lock.</summary>
    internal Lock Lock { get; } = new();

    /// <summary>Monsters changed since the last patch and since the last save; touched only under <see cref="Lock"/>.</summary>
    internal ChangeSet Changes { get; } = new(patches.Due);

    public void Load()
    {
        var all = store.All();
        lock (Lock)
        {
            foreach (var monster in all)
            {
                // Shown once, so the feed learns every monster (and where) at its first patch.
                _monsters[monster.Id] = monster;
                Changes.Shown(monster.Id);
            }
        }
    }

    /// <summary>Every monster, defeated ones included; callers hold <see cref="Lock"/>.</summary>
    internal IEnumerable<MonsterRecord> All => _monsters.Values;

    internal MonsterRecord? Find(int id) => _monsters.GetValueOrDefault(id);

    /// <summary>A monster new to the world, saved already.</summary>
    internal void Add(MonsterRecord monster)
    {
        _monsters[monster.Id] = monster;
        Changes.Shown(monster.Id);
    }

    /// <summary>A monster deleted from the store: subscribers are told it is gone.</summary>
    internal void Remove(int id)
    {
        _monsters.Remove(id);
        Changes.Deleted(id);
    }

    /// <summary>The monster changed and is to be shown and, later, saved.</summary>
    internal void Changed(MonsterRecord monster) => Changes.Changed(monster.Id);

    /// <summary>
    /// Runs an admin's write to the store at once, under the world's fence: an owner that lost the world
    /// writes nothing (<see cref="AuthorityLostException"/>).
    /// </summary>
    internal void WriteNow(Action write) => authority.WriteFenced(write);

    /// <summary>The monster changed and was saved already: only shown.</summary>
    internal void ChangedAndSaved(MonsterRecord monster) => Changes.Shown(monster.Id);

    /// <summary>The monster left the world (defeated): subscribers are told it is gone; it is saved with its respawn time.</summary>
    internal void Vanished(MonsterRecord monster) => Changes.Changed(monster.Id);

    /// <summary>
    /// Writes the monsters changed since the last save, in one transaction; a failed save is retried next
    /// time. Only the world's owner writes (always, on one node), under its lease's fence.
    /// </summary>
    public int Persist() => authority.IsHere
        ? Changes.Save(Lock, id => _monsters.TryGetValue(id, out var monster) ? Copy(monster) : null, changed => authority.WriteFenced(() => store.UpdateMany(changed)))
        : 0;

    // The store serialises outside the lock, so it gets copies that ticks cannot change underneath it.
    private static MonsterRecord Copy(MonsterRecord monster) => new()
    {
        Id = monster.Id,
        State = monster.State,
        HealthPoints = monster.HealthPoints,
        UserBeingAttacked = monster.UserBeingAttacked,
        PositionX = monster.PositionX,
        PositionY = monster.PositionY,
        RespawnAt = monster.RespawnAt,
    };
}

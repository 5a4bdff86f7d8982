namespace GameServer.Monsters;

/// <summary>
/// Every monster, in memory: the authority while the server runs. Admin changes are written to the
/// store at once; tick and combat changes are remembered and written in batches by
/// <see cref="MonsterPersistJob"/>. Changes are also remembered for the next <c>monsters.updated</c>.
/// </summary>
public sealed class MonsterWorld(IMonsterStore store)
{
    private readonly Dictionary<int, MonsterRecord> _monsters = [];
    private readonly HashSet<int> _changed = [];
    private readonly HashSet<int> _removed = [];
    private readonly HashSet<int> _unsaved = [];

    /// <summary>Guards every monster; never taken while holding the player world's lock.</summary>
    internal Lock Lock { get; } = new();

    public void Load()
    {
        var all = store.All();
        lock (Lock)
        {
            foreach (var monster in all)
            {
                _monsters[monster.Id] = monster;
            }
        }
    }

    /// <summary>Every monster, defeated ones included; callers hold <see cref="Lock"/>.</summary>
    internal IEnumerable<MonsterRecord> All => _monsters.Values;

    internal MonsterRecord? Find(int id) => _monsters.GetValueOrDefault(id);

    internal void Add(MonsterRecord monster)
    {
        _monsters[monster.Id] = monster;
        _changed.Add(monster.Id);
    }

    internal void Remove(int id)
    {
        _monsters.Remove(id);
        _changed.Remove(id);
        _unsaved.Remove(id);
        _removed.Add(id);
    }

    /// <summary>The monster changed and is to be shown and, later, saved.</summary>
    internal void Changed(MonsterRecord monster)
    {
        _changed.Add(monster.Id);
        _unsaved.Add(monster.Id);
    }

    /// <summary>The monster changed and was saved already: only shown.</summary>
    internal void ChangedAndSaved(MonsterRecord monster) => _changed.Add(monster.Id);

    /// <summary>The monster left the world (defeated): subscribers are told it is gone.</summary>
    internal void Vanished(MonsterRecord monster)
    {
        _changed.Remove(monster.Id);
        _removed.Add(monster.Id);
        _unsaved.Add(monster.Id);
    }

    /// <summary>Takes what changed since the last call: monsters to show and ids to remove. Callers hold <see cref="Lock"/>.</summary>
    internal (List<MonsterRecord> Changed, List<int> Removed) TakeChanges()
    {
        var changed = _changed.Select(id => _monsters[id]).ToList();
        var removed = _removed.ToList();
        _changed.Clear();
        _removed.Clear();
        return (changed, removed);
    }

    /// <summary>Writes the monsters changed since the last save, in one transaction; a failed save is retried next time.</summary>
    public int Persist()
    {
        List<MonsterRecord> unsaved;
        lock (Lock)
        {
            unsaved = [.. _unsaved.Where(_monsters.ContainsKey).Select(id => Copy(_monsters[id]))];
            _unsaved.Clear();
        }

        if (unsaved.Count == 0)
        {
            return 0;
        }

        try
        {
            store.UpdateMany(unsaved);
            return unsaved.Count;
        }
        catch
        {
            lock (Lock)
            {
                _unsaved.UnionWith(unsaved.Select(m => m.Id));
            }

            throw;
        }
    }

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

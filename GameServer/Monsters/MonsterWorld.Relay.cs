namespace GameServer.Monsters;

/// <summary>The monsters as the world's owner relays them to the other nodes, and as they apply them (cluster mode).</summary>
public sealed partial class MonsterWorld
{
    private readonly List<int> _relayed = [];

    /// <summary>From now on remembers every change for <see cref="TakeRelayed"/>.</summary>
    internal void KeepRelayed()
    {
        lock (Lock)
        {
            Changes.KeepRelayed();
        }
    }

    /// <summary>The monsters changed in any way since the last call, as stored, and those deleted.</summary>
    internal MonsterChanges TakeRelayed()
    {
        lock (Lock)
        {
            _relayed.Clear();
            Changes.TakeRelayed(_relayed);
            var changed = new List<MonsterRecord>(_relayed.Count);
            var deleted = new List<int>();
            foreach (var id in _relayed)
            {
                if (_monsters.TryGetValue(id, out var monster))
                {
                    changed.Add(Copy(monster));
                }
                else
                {
                    deleted.Add(id);
                }
            }

            return new MonsterChanges(changed, deleted);
        }
    }

    /// <summary>Takes the owner's changes as the truth; each is shown at the next patch, never saved from here.</summary>
    internal void Apply(MonsterChanges changes)
    {
        lock (Lock)
        {
            foreach (var monster in changes.Changed)
            {
                _monsters[monster.Id] = monster;
                Changes.Shown(monster.Id);
            }

            foreach (var id in changes.Deleted)
            {
                Remove(id);
            }
        }
    }

    /// <summary>Relays every monster at the next patch (a node joined late); returns how many.</summary>
    internal int RelayAll()
    {
        lock (Lock)
        {
            foreach (var id in _monsters.Keys)
            {
                Changes.Relay(id);
            }

            return _monsters.Count;
        }
    }

    /// <summary>This node became the world's owner: it starts from what is stored, and relays it all once.</summary>
    internal void Reload()
    {
        var stored = store.All();
        lock (Lock)
        {
            var kept = stored.Select(m => m.Id).ToHashSet();
            var gone = _monsters.Keys.Where(id => !kept.Contains(id)).ToList();
            Apply(new MonsterChanges(stored, gone));
        }
    }
}

/// <summary>What the world's owner tells the other nodes of the monsters since its last patch.</summary>
/// <param name="Changed">The monsters changed, whole, as stored (a defeated one with its respawn time).</param>
/// <param name="Deleted">The monsters deleted.</param>
internal sealed record MonsterChanges(IReadOnlyList<MonsterRecord> Changed, IReadOnlyList<int> Deleted);

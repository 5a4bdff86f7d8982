using GameServer.Jobs;

namespace GameServer.World;

/// <summary>
/// What changed in one kind of entity, by id: changed since the last patch (the feed's next patch
/// captures those) and unsaved since the last save (the write-behind save writes those). The world
/// that owns the entities marks them under its own lock; this class holds no lock of its own. Every
/// mark a patch would show signals <paramref name="patchDue"/> (<see cref="WorldPatches.Due"/>).
/// </summary>
public sealed class ChangeSet(JobDemand patchDue)
{
    private HashSet<int> _changed = [];
    private HashSet<int> _taken = [];
    private readonly HashSet<int> _unsaved = [];

    // Every entity marked in any way since the owner last published its changes to the other nodes:
    // kept only in cluster mode, once a relay asks for it.
    private HashSet<int>? _relayed;

    /// <summary>The entity changed: to be shown at the next patch and saved at the next save.</summary>
    public void Changed(int id)
    {
        Show(id);
        _unsaved.Add(id);
        Relay(id);
    }

    /// <summary>The entity changed in what subscribers see only (presence), or was saved already: shown, not saved.</summary>
    public void Shown(int id)
    {
        Show(id);
        Relay(id);
    }

    /// <summary>The entity changed in what is stored only (a count no subscriber sees): saved, not shown.</summary>
    public void Unsaved(int id)
    {
        _unsaved.Add(id);
        Relay(id);
    }

    /// <summary>The entity was deleted from the store: shown (as gone), never saved again.</summary>
    public void Deleted(int id)
    {
        Show(id);
        _unsaved.Remove(id);
        Relay(id);
    }

    /// <summary>
    /// The entity is to be relayed as it is, though unchanged: a node that joined late catches up. Callers
    /// hold the world's lock. The patch job relays (cluster mode), so this too wakes it.
    /// </summary>
    public void Relay(int id)
    {
        if (_relayed is { } relayed)
        {
            relayed.Add(id);
            patchDue.Signal();
        }
    }

    // The next patch shows the entity: the patch job is woken for it.
    private void Show(int id)
    {
        _changed.Add(id);
        patchDue.Signal();
    }

    /// <summary>From now on, remembers every entity marked for <see cref="TakeRelayed"/> too (cluster mode). Callers hold the world's lock.</summary>
    public void KeepRelayed() => _relayed ??= [];

    /// <summary>Moves the entities marked in any way since the last call into <paramref name="into"/>. Callers hold the world's lock.</summary>
    public void TakeRelayed(List<int> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (_relayed is { } relayed)
        {
            into.AddRange(relayed);
            relayed.Clear();
        }
    }

    /// <summary>Takes the ids changed since the last call; valid until the next call. Callers hold the world's lock.</summary>
    internal IReadOnlyCollection<int> TakeChanged()
    {
        // Two sets swapped, so a patch allocates nothing however many entities changed.
        (_changed, _taken) = (_taken, _changed);
        _changed.Clear();
        return _taken;
    }

    /// <summary>
    /// The write-behind save: copies the unsaved entities under <paramref name="worldLock"/> (an id
    /// whose copy is null is gone and skipped), writes the copies outside it in one call, and on
    /// failure marks them unsaved again, so the next save retries them. Returns how many were written.
    /// </summary>
    public int Save<TRecord>(Lock worldLock, Func<int, TRecord?> copy, Action<IReadOnlyList<TRecord>> write)
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(copy);
        ArgumentNullException.ThrowIfNull(write);
        List<int> ids;
        List<TRecord> records = [];
        lock (worldLock)
        {
            ids = [.. _unsaved];
            _unsaved.Clear();
            foreach (var id in ids)
            {
                if (copy(id) is { } record)
                {
                    records.Add(record);
                }
            }
        }

        if (records.Count == 0)
        {
            return 0;
        }

        try
        {
            write(records);
            return records.Count;
        }
        catch
        {
            lock (worldLock)
            {
                _unsaved.UnionWith(ids);
            }

            throw;
        }
    }
}

namespace GameServer.Players;

/// <summary>The players as the world's owner relays them to the other nodes, and as they apply them (cluster mode).</summary>
public sealed partial class PlayerWorld
{
    private readonly List<int> _relayed = [];

    /// <summary>From now on remembers every change for <see cref="TakeRelayed"/>.</summary>
    internal void KeepRelayed()
    {
        lock (_lock)
        {
            Changes.KeepRelayed();
        }
    }

    /// <summary>The players changed in any way since the last call, as stored (presence is each node's own and left out).</summary>
    internal List<PlayerRecord> TakeRelayed()
    {
        lock (_lock)
        {
            _relayed.Clear();
            Changes.TakeRelayed(_relayed);
            var records = new List<PlayerRecord>(_relayed.Count);
            foreach (var id in _relayed)
            {
                if (_byId.TryGetValue(id, out var player))
                {
                    records.Add(player.ToRecord());
                }
            }

            return records;
        }
    }

    /// <summary>
    /// Takes <paramref name="records"/> as the truth: the owner's changes on another node, or the store
    /// when this node becomes the owner. Positions and defeats change, presence stays this node's; each
    /// is shown at the next patch (a player where it was sends nothing), never saved from here.
    /// </summary>
    internal void Apply(IReadOnlyList<PlayerRecord> records)
    {
        lock (_lock)
        {
            foreach (var record in records)
            {
                if (_byId.TryGetValue(record.Id, out var player))
                {
                    (player.X, player.Y, player.MonstersDefeated) = (record.PositionX, record.PositionY, record.MonstersDefeated);
                    Grid.Set(player.Id, player.X, player.Y);
                }
                else
                {
                    Add(new PlayerState(record));
                }

                Changes.Shown(record.Id);
            }
        }
    }

    /// <summary>Relays every player at the next patch (a node joined late); returns how many.</summary>
    internal int RelayAll()
    {
        lock (_lock)
        {
            foreach (var id in _byId.Keys)
            {
                Changes.Relay(id);
            }

            return _byId.Count;
        }
    }

    /// <summary>This node became the world's owner: it starts from what is stored, and relays it all once.</summary>
    internal void Reload() => Apply(_store.All());
}

using System.Text.Json;
using GameServer.Protocol.Client;

namespace GameServer.Protocol.Monsters;

/// <summary>
/// The monsters a subscription sees, kept up to date from its snapshot, <c>monsters.updated</c> (whose
/// entries may be whole or partial: <see cref="MonstersSubscribeParams.Partial"/>), <c>monsters.removed</c>
/// and <c>monsters.left_view</c>. Not thread-safe: apply notifications on the client's receive loop, in order.
/// </summary>
public sealed class MonsterView
{
    private readonly Dictionary<int, Monster> _monsters = [];

    /// <summary>Monsters in view.</summary>
    public int Count => _monsters.Count;

    /// <summary>Every monster in view, in full.</summary>
    public IEnumerable<Monster> Monsters => _monsters.Values;

    /// <summary>Forgets everything and takes the snapshot of a (new) subscription.</summary>
    public void Reset(MonsterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _monsters.Clear();
        foreach (var monster in snapshot.Monsters)
        {
            _monsters[monster.Id] = monster;
        }
    }

    /// <summary>The monster as the view has it; null when not in view.</summary>
    public Monster? Find(int id) => _monsters.GetValueOrDefault(id);

    /// <summary>
    /// Applies a <c>monsters.updated</c>, <c>monsters.removed</c> or <c>monsters.left_view</c> notification;
    /// any other is ignored. Returns the ids of the monsters an update touched.
    /// </summary>
    public IReadOnlyList<int> Apply(GameNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var touched = new List<int>();
        if (notification.Method == Methods.MonstersUpdated)
        {
            foreach (var entry in notification.Params.GetProperty("monsters"u8).EnumerateArray())
            {
                var id = entry.GetProperty("id"u8).GetInt32();

                // A new monster always arrives whole; the defaults only show if a server broke that rule.
                var monster = _monsters.GetValueOrDefault(id) ?? new Monster(id, "", 0, "", 0, null, 0, 0);
                _monsters[id] = Merge(monster, entry);
                touched.Add(id);
            }
        }
        else if (notification.Method == Methods.MonstersRemoved || notification.Method == Methods.MonstersLeftView)
        {
            foreach (var id in notification.Params.GetProperty("ids"u8).EnumerateArray())
            {
                _monsters.Remove(id.GetInt32());
            }
        }

        return touched;
    }

    private static Monster Merge(Monster monster, JsonElement entry)
    {
        foreach (var field in entry.EnumerateObject())
        {
            var value = field.Value;
            monster = field.Name switch
            {
                "state" => monster with { State = value.GetString() ?? "" },
                "state_code" => monster with { StateCode = value.GetInt32() },
                "state_display" => monster with { StateDisplay = value.GetString() ?? "" },
                "health_points" => monster with { HealthPoints = value.GetInt32() },
                "user_being_attacked" => monster with { UserBeingAttacked = value.ValueKind == JsonValueKind.Null ? null : value.GetInt32() },
                "position_x" => monster with { PositionX = value.GetDouble() },
                "position_y" => monster with { PositionY = value.GetDouble() },
                _ => monster,
            };
        }

        return monster;
    }
}

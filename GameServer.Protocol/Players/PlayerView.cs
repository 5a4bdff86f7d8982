using System.Runtime.InteropServices;
using System.Text.Json;
using GameServer.Protocol.Client;

namespace GameServer.Protocol.Players;

/// <summary>What one entry of <c>players.updated</c> did to a <see cref="PlayerView"/>.</summary>
/// <param name="Id">The player's id.</param>
/// <param name="IsNew">The view did not have the player before this entry.</param>
/// <param name="Moved">The player's position differs from what the view had (false when <paramref name="IsNew"/>).</param>
public readonly record struct PlayerChange(int Id, bool IsNew, bool Moved);

/// <summary>
/// The players a subscription sees, kept up to date from its snapshot, <c>players.updated</c> (whose
/// entries may be partial or compact, see <see cref="PlayerEntries"/>) and <c>players.left_view</c>.
/// Not thread-safe: apply notifications on the client's receive loop, in order. Applying an entry
/// costs no allocation for a player already in view.
/// </summary>
public sealed class PlayerView
{
    private readonly Dictionary<int, ViewedPlayer> _players = [];
    private readonly List<PlayerChange> _changes = [];

    /// <summary>Players in view.</summary>
    public int Count => _players.Count;

    /// <summary>Every player in view, in full.</summary>
    public IEnumerable<PlayerInfo> Players => _players.Values.Select(p => p.ToInfo());

    /// <summary>Forgets everything and takes the snapshot of a (new) subscription.</summary>
    public void Reset(PlayerList snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _players.Clear();
        foreach (var player in snapshot.Players)
        {
            _players[player.Id] = new ViewedPlayer(player.Id, player.User, player.Username, player.PositionX, player.PositionY, player.Online);
        }
    }

    /// <summary>The player as the view has it, in full; null when not in view.</summary>
    public PlayerInfo? Find(int id) => _players.TryGetValue(id, out var player) ? player.ToInfo() : null;

    /// <summary>The player's position without building a record; false when not in view.</summary>
    public bool TryGetPosition(int id, out double x, out double y)
    {
        var found = _players.TryGetValue(id, out var player);
        (x, y) = (player.X, player.Y);
        return found;
    }

    /// <summary>
    /// Applies a <c>players.updated</c> or <c>players.left_view</c> notification; any other is ignored.
    /// Returns what each entry of an update did: valid until the next call.
    /// </summary>
    public IReadOnlyList<PlayerChange> Apply(GameNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        _changes.Clear();
        if (notification.Method == Methods.PlayersUpdated)
        {
            ApplyUpdated(notification.Params);
        }
        else if (notification.Method == Methods.PlayersLeftView)
        {
            foreach (var id in notification.Params.GetProperty("ids"u8).EnumerateArray())
            {
                _players.Remove(id.GetInt32());
            }
        }

        return _changes;
    }

    private void ApplyUpdated(JsonElement parameters)
    {
        foreach (var entry in parameters.GetProperty("players"u8).EnumerateArray())
        {
            var id = entry.ValueKind == JsonValueKind.Array ? entry[0].GetInt32() : entry.GetProperty("id"u8).GetInt32();
            ref var player = ref CollectionsMarshal.GetValueRefOrAddDefault(_players, id, out var known);
            var (x, y) = (player.X, player.Y);
            if (!known)
            {
                // A new player always arrives whole; the defaults only show if a server broke that rule.
                player = new ViewedPlayer(id, 0, "", 0, 0, false);
            }

            if (entry.ValueKind == JsonValueKind.Array)
            {
                player.X = entry[1].GetDouble();
                player.Y = entry[2].GetDouble();
            }
            else
            {
                Merge(ref player, entry);
            }

            _changes.Add(new PlayerChange(id, !known, known && (player.X != x || player.Y != y)));
        }
    }

    private static void Merge(ref ViewedPlayer player, JsonElement entry)
    {
        foreach (var field in entry.EnumerateObject())
        {
            if (field.NameEquals("position_x"u8))
            {
                player.X = field.Value.GetDouble();
            }
            else if (field.NameEquals("position_y"u8))
            {
                player.Y = field.Value.GetDouble();
            }
            else if (field.NameEquals("online"u8))
            {
                player.Online = field.Value.GetBoolean();
            }
            else if (field.NameEquals("user"u8))
            {
                player.User = field.Value.GetInt32();
            }
            else if (field.NameEquals("username"u8))
            {
                player.Username = field.Value.GetString() ?? "";
            }
        }
    }

    private record struct ViewedPlayer(int Id, int User, string Username, double X, double Y, bool Online)
    {
        public readonly PlayerInfo ToInfo() => new(Id, User, Username, X, Y, Online);
    }
}

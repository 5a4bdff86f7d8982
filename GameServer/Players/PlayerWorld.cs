using GameServer.Cluster.Authority;
using GameServer.Limits;
using GameServer.Protocol.Players;
using GameServer.Realtime.JsonRpc;
using GameServer.World;
using Microsoft.Extensions.Options;

namespace GameServer.Players;

/// <summary>
/// The authoritative state of every player, in memory: positions, presence and the spatial grid.
/// Clients can only step their own player; every change is remembered for the next patch
/// (<see cref="PlayerFeed"/>) and the next save (<see cref="PlayerPersistJob"/>) in its <see cref="ChangeSet"/>.
/// </summary>
public sealed partial class PlayerWorld : IEntitySource<PlayerInfo>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, PlayerState> _byUser = [];
    private readonly Dictionary<int, PlayerState> _byId = [];
    private readonly List<int> _nearby = [];
    private readonly WorldOptions _options;
    private readonly IPlayerStore _store;
    private readonly IAuthority _authority;
    private readonly TokenBuckets<int> _moves;

    public PlayerWorld(IOptions<WorldOptions> options, IPlayerStore store, IAuthority authority, WorldPatches patches, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(patches);
        Changes = new ChangeSet(patches.Due);
        _options = options.Value;
        _store = store;
        _authority = authority;
        Grid = new SpatialGrid(_options.GridCellSize);

        // A bucket per user refilling continuously: a sliding window with segments refused about one
        // move in five of a client moving steadily under the limit, whenever its moves straddled segments.
        _moves = new TokenBuckets<int>(_options.MaxMovesPerSecond, TimeSpan.FromSeconds(1), time);
    }

    /// <summary>The grid of player ids by position; read only under <see cref="Lock"/>.</summary>
    internal SpatialGrid Grid { get; }

    internal Lock Lock => _lock;

    /// <summary>Players changed since the last patch and since the last save; touched only under <see cref="Lock"/>.</summary>
    internal ChangeSet Changes { get; }

    /// <summary>The largest radius a subscription may ask for: <c>World:MaxRadius</c>, or the world's diagonal.</summary>
    internal double MaxRadius => _options.EffectiveMaxRadius;

    /// <summary>Loads every stored player; called once at start-up.</summary>
    public void Load()
    {
        var records = _store.All();
        lock (_lock)
        {
            foreach (var record in records)
            {
                // Shown once, so the feed learns every player (and where) at its first patch.
                Add(new PlayerState(record));
                Changes.Shown(record.Id);
            }
        }
    }

    public IReadOnlyList<PlayerInfo> All()
    {
        lock (_lock)
        {
            return [.. _byId.Values.OrderBy(p => p.Id).Select(p => p.ToInfo())];
        }
    }

    public PlayerInfo? FindByUser(int userId)
    {
        lock (_lock)
        {
            return _byUser.TryGetValue(userId, out var player) ? player.ToInfo() : null;
        }
    }

    /// <summary>
    /// Steps the user's own player by (dx, dy), each in [-1, 1], clamped to the world. Above
    /// <c>World:MaxMovesPerSecond</c> on average (a burst of that many allowed) the move is refused
    /// with -32029 and not applied.
    /// </summary>
    public Position Move(int userId, double dx, double dy)
    {
        ValidateStep("dx", dx);
        ValidateStep("dy", dy);
        if (!_moves.TryTake(userId, out var retryAfter))
        {
            throw RpcException.RateLimited(retryAfter);
        }

        // In cluster mode a user registered on another node may move before its presence reached the owner.
        if (!IsKnown(userId) && _store.FindByUser(userId) is { } fresh)
        {
            Learn(fresh);
        }

        Position moved;
        double distance;
        lock (_lock)
        {
            var player = _byUser.GetValueOrDefault(userId) ?? throw RpcException.NotFound("player of user", userId);
            var (fromX, fromY) = (player.X, player.Y);
            var (x, y) = (Math.Clamp(player.X + dx, 0, _options.Width), Math.Clamp(player.Y + dy, 0, _options.Height));
            if (x != fromX || y != fromY)
            {
                // A step into a wall changes nothing, so it is neither sent nor saved.
                (player.X, player.Y) = (x, y);
                Grid.Set(player.Id, x, y);
                Changes.Changed(player.Id);
            }

            moved = new Position(player.X, player.Y);
            distance = double.Hypot(player.X - fromX, player.Y - fromY);
        }

        if (distance > 0)
        {
            _moved.OnNext(new PlayerMoved(userId, distance));
        }

        return moved;
    }

    /// <summary>Sets the user's presence; loads a player registered since start-up on its first login.</summary>
    public void SetOnline(int userId, bool online)
    {
        bool known;
        lock (_lock)
        {
            known = _byUser.ContainsKey(userId);
        }

        // The store is read outside the lock, so moves are never held up by the database.
        var fresh = known ? null : _store.FindByUser(userId);

        if (fresh is not null)
        {
            Learn(fresh);
        }

        lock (_lock)
        {
            if (_byUser.TryGetValue(userId, out var player) && player.Online != online)
            {
                player.Online = online;
                Changes.Shown(player.Id);
            }
        }
    }

    /// <summary>The online player nearest to a point within <paramref name="radius"/>, found through the grid: for monsters' aggro.</summary>
    public (int User, double X, double Y)? NearestOnline(double x, double y, double radius)
    {
        lock (_lock)
        {
            _nearby.Clear();
            Grid.Within(x, y, radius, _nearby);
            PlayerState? nearest = null;
            var best = double.MaxValue;
            foreach (var id in _nearby)
            {
                var player = _byId[id];
                var distance = Math.Pow(player.X - x, 2) + Math.Pow(player.Y - y, 2);
                if (player.Online && (distance < best || (distance == best && player.Id < nearest!.Id)))
                {
                    (nearest, best) = (player, distance);
                }
            }

            return nearest is null ? null : (nearest.User, nearest.X, nearest.Y);
        }
    }

    /// <summary>Where the user's player is, and whether it is online; null for an unknown user.</summary>
    public (double X, double Y, bool Online)? PositionOf(int userId)
    {
        lock (_lock)
        {
            return _byUser.TryGetValue(userId, out var player) ? (player.X, player.Y, player.Online) : null;
        }
    }

    /// <summary>How many monsters the user's player has defeated; 0 for an unknown user.</summary>
    public int DefeatsOf(int userId)
    {
        lock (_lock)
        {
            return _byUser.TryGetValue(userId, out var player) ? player.MonstersDefeated : 0;
        }
    }

    /// <summary>Counts a monster defeated by the user's player; returns its new total.</summary>
    public int AddDefeat(int userId)
    {
        lock (_lock)
        {
            var player = _byUser.GetValueOrDefault(userId) ?? throw RpcException.NotFound("player of user", userId);
            player.MonstersDefeated++;
            Changes.Unsaved(player.Id);
            return player.MonstersDefeated;
        }
    }

    /// <summary>
    /// Writes the players changed since the last save, in one transaction; a failed save is retried next
    /// time. Only the world's owner writes (always, on one node), under its lease's fence.
    /// </summary>
    public int Persist() => _authority.IsHere
        ? Changes.Save(_lock, id => _byId.GetValueOrDefault(id)?.ToRecord(), records => _authority.WriteFenced(() => _store.SavePositions(records)))
        : 0;

    /// <summary>Whether this node holds the user's player; a move of one it does not hold reads storage first.</summary>
    public bool IsKnown(int userId)
    {
        lock (_lock)
        {
            return _byUser.ContainsKey(userId);
        }
    }

    private void Learn(PlayerRecord fresh)
    {
        lock (_lock)
        {
            if (!_byUser.ContainsKey(fresh.User))
            {
                // New to the world, so new to every subscriber: its next entry is whole.
                Add(new PlayerState(fresh));
                Changes.Shown(fresh.Id);
            }
        }
    }

    private void Add(PlayerState player)
    {
        _byUser[player.User] = player;
        _byId[player.Id] = player;
        Grid.Set(player.Id, player.X, player.Y);
    }

    private static void ValidateStep(string field, double step)
    {
        if (!double.IsFinite(step) || step is < -1 or > 1)
        {
            throw RpcException.InvalidParams(field, "must be a number from -1 to 1");
        }
    }
}

using GameServer.Accounts;
using GameServer.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace GameServer.Players;

/// <summary>The <c>players</c> collection.</summary>
public sealed class PlayerStore(GameDatabase database, IOptions<WorldOptions> world, StoreMetrics? metrics = null) : IAccountProvisioner
{
    private readonly ILiteCollection<PlayerRecord> _players = database.Collection<PlayerRecord>("players");
    private readonly StoreMetrics _metrics = metrics ?? StoreMetrics.Unrecorded;

    public PlayerRecord? FindByUser(int userId)
    {
        using var timing = _metrics.Time("players", "find_by_user");
        return _players.FindOne(p => p.User == userId);
    }

    public IReadOnlyList<PlayerRecord> All()
    {
        using var timing = _metrics.Time("players", "all");
        return _players.FindAll().ToList();
    }

    public void Insert(PlayerRecord player)
    {
        using var timing = _metrics.Time("players", "insert");
        _players.Insert(player);
    }

    /// <summary>Saves many players' positions in one transaction.</summary>
    public void SavePositions(IReadOnlyList<PlayerRecord> players)
    {
        using var timing = _metrics.Time("players", "save_positions");
        database.InTransaction(() => _players.Update(players));
    }

    /// <summary>Every user gets a player at a random spawn point inside the world, created with the account.</summary>
    public void Provision(User user)
    {
        using var timing = _metrics.Time("players", "provision");
        ArgumentNullException.ThrowIfNull(user);
        var size = world.Value;
        _players.Insert(new PlayerRecord
        {
            User = user.Id,
            Username = user.Username,
            PositionX = Math.Round(Random.Shared.NextDouble() * size.Width),
            PositionY = Math.Round(Random.Shared.NextDouble() * size.Height),
        });
    }
}

/// <summary>Schema version 3: one player per user.</summary>
public sealed class PlayerIndexesMigration : IMigration
{
    public int Version => 3;

    public string Description => "players: one player per user";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.Collection<PlayerRecord>("players").EnsureIndex(p => p.User, unique: true);
    }
}

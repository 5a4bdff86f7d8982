using GameServer.Accounts;
using GameServer.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace GameServer.Players;

/// <summary>The <c>players</c> collection.</summary>
public sealed class PlayerStore(GameDatabase database, IOptions<WorldOptions> world) : IAccountProvisioner
{
    private readonly ILiteCollection<PlayerRecord> _players = database.Collection<PlayerRecord>("players");

    public PlayerRecord? FindByUser(int userId) => _players.FindOne(p => p.User == userId);

    public IReadOnlyList<PlayerRecord> All() => _players.FindAll().ToList();

    public void Insert(PlayerRecord player) => _players.Insert(player);

    /// <summary>Saves many players' positions in one transaction.</summary>
    public void SavePositions(IReadOnlyList<PlayerRecord> players) => database.InTransaction(() => _players.Update(players));

    /// <summary>Every user gets a player at a random spawn point inside the world, created with the account.</summary>
    public void Provision(User user)
    {
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

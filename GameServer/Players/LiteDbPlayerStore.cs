using GameServer.Accounts;
using GameServer.Storage;
using GameServer.Storage.LiteDb;
using LiteDB;
using Microsoft.Extensions.Options;

namespace GameServer.Players;

/// <summary>The <c>players</c> collection of the LiteDB file.</summary>
public sealed class LiteDbPlayerStore(GameDatabase database, IOptions<WorldOptions> world, StoreMetrics metrics) : IPlayerStore
{
    internal const string Collection = "players";
    private const string Store = "players";

    private readonly ILiteCollection<PlayerRecord> _players = database.Collection<PlayerRecord>(Collection);

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<PlayerRecord>(Collection, () => _players.LongCount(), () => _players.Query().OrderBy(p => p.Id).ToEnumerable(), Insert, () => _players.DeleteAll()),
    ];

    public PlayerRecord? FindByUser(int userId)
    {
        using var timing = metrics.Time(Store, "find_by_user");
        return _players.FindOne(p => p.User == userId);
    }

    public IReadOnlyList<PlayerRecord> All()
    {
        using var timing = metrics.Time(Store, "all");
        return _players.FindAll().ToList();
    }

    public void InsertMany(IReadOnlyList<PlayerRecord> players)
    {
        using var timing = metrics.Time(Store, "insert_many");
        Insert(players);
    }

    public void SavePositions(IReadOnlyList<PlayerRecord> players)
    {
        using var timing = metrics.Time(Store, "save_positions");
        database.InTransaction(() => _players.Update(players));
    }

    /// <summary>Every user gets a player at a random spawn point inside the world, created with the account.</summary>
    public void Provision(IReadOnlyList<User> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        using var timing = metrics.Time(Store, "provision");
        Insert([.. users.Select(user => PlayerRecord.AtSpawn(user, world.Value, Random.Shared))]);
    }

    private void Insert(IReadOnlyList<PlayerRecord> players) =>
        database.InTransaction(() => _players.InsertBulk(players, batchSize: Math.Max(players.Count, 1)));
}

/// <summary>Schema version 3: one player per user.</summary>
public sealed class PlayerIndexesMigration : IMigration
{
    public int Version => 3;

    public string Description => "players: one player per user";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.Collection<PlayerRecord>(LiteDbPlayerStore.Collection).EnsureIndex(p => p.User, unique: true);
    }
}

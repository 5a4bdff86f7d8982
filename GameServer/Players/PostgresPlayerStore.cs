using Dapper;
using GameServer.Accounts;
using GameServer.Storage;
using GameServer.Storage.Postgres;
using Microsoft.Extensions.Options;
using NpgsqlTypes;

namespace GameServer.Players;

/// <summary>The <c>players</c> table of the PostgreSQL database.</summary>
public sealed class PostgresPlayerStore(PostgresDatabase database, IOptions<WorldOptions> world, StoreMetrics metrics) : IPlayerStore
{
    private const string Store = "players";
    private const string Columns = "id, user_id AS \"user\", username, position_x, position_y, monsters_defeated";

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<PlayerRecord>("players", () => database.Run(c => c.ExecuteScalar<long>("SELECT count(*) FROM players")), () => database.Stream<PlayerRecord>($"SELECT {Columns} FROM players ORDER BY id"), Import, () => database.Truncate("players")),
    ];

    public PlayerRecord? FindByUser(int userId)
    {
        using var timing = metrics.Time(Store, "find_by_user");
        return database.Run(c => c.QuerySingleOrDefault<PlayerRecord>($"SELECT {Columns} FROM players WHERE user_id = @userId", new { userId }));
    }

    public IReadOnlyList<PlayerRecord> All()
    {
        using var timing = metrics.Time(Store, "all");
        return database.Run(c => c.Query<PlayerRecord>($"SELECT {Columns} FROM players ORDER BY id").AsList());
    }

    public void InsertMany(IReadOnlyList<PlayerRecord> players)
    {
        using var timing = metrics.Time(Store, "insert_many");
        Insert(players);
    }

    /// <summary>One UPDATE for the whole batch, joined to the new values unnested from arrays.</summary>
    public void SavePositions(IReadOnlyList<PlayerRecord> players)
    {
        ArgumentNullException.ThrowIfNull(players);
        using var timing = metrics.Time(Store, "save_positions");
        database.Run(c => c.Execute(
            """
            UPDATE players AS p
            SET username = v.username, position_x = v.x, position_y = v.y, monsters_defeated = v.defeated
            FROM unnest(@ids, @names, @xs, @ys, @defeats) AS v(id, username, x, y, defeated)
            WHERE p.id = v.id
            """,
            new
            {
                ids = players.Select(p => p.Id).ToArray(),
                names = players.Select(p => p.Username).ToArray(),
                xs = players.Select(p => p.PositionX).ToArray(),
                ys = players.Select(p => p.PositionY).ToArray(),
                defeats = players.Select(p => p.MonstersDefeated).ToArray(),
            }));
    }

    /// <summary>Every user gets a player at a random spawn point inside the world, created with the account.</summary>
    public void Provision(IReadOnlyList<User> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        using var timing = metrics.Time(Store, "provision");
        Insert([.. users.Select(user => PlayerRecord.AtSpawn(user, world.Value, Random.Shared))]);
    }

    /// <summary>One INSERT for them all; the ids come back in the rows' order.</summary>
    private void Insert(IReadOnlyList<PlayerRecord> players)
    {
        ArgumentNullException.ThrowIfNull(players);
        if (players.Count == 0)
        {
            return;
        }

        var ids = database.InTransaction(c => c.Query<int>(
            """
            INSERT INTO players (user_id, username, position_x, position_y, monsters_defeated)
            SELECT v.user_id, v.username, v.x, v.y, v.defeated
            FROM unnest(@users, @names, @xs, @ys, @defeats) WITH ORDINALITY AS v(user_id, username, x, y, defeated, ord)
            ORDER BY v.ord
            RETURNING id
            """,
            new
            {
                users = players.Select(p => p.User).ToArray(),
                names = players.Select(p => p.Username).ToArray(),
                xs = players.Select(p => p.PositionX).ToArray(),
                ys = players.Select(p => p.PositionY).ToArray(),
                defeats = players.Select(p => p.MonstersDefeated).ToArray(),
            }).Order().ToList());
        for (var i = 0; i < players.Count; i++)
        {
            players[i].Id = ids[i];
        }
    }

    private void Import(IReadOnlyList<PlayerRecord> records) =>
        database.Import("players", "id, user_id, username, position_x, position_y, monsters_defeated", records, (row, p) =>
        {
            row.Write(p.Id, NpgsqlDbType.Integer);
            row.Write(p.User, NpgsqlDbType.Integer);
            row.Write(p.Username, NpgsqlDbType.Text);
            row.Write(p.PositionX, NpgsqlDbType.Double);
            row.Write(p.PositionY, NpgsqlDbType.Double);
            row.Write(p.MonstersDefeated, NpgsqlDbType.Integer);
        });
}

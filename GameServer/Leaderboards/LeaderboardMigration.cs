using GameServer.Players;
using GameServer.Storage.LiteDb;

namespace GameServer.Leaderboards;

/// <summary>
/// Schema version 10: the scores' period index, and the all-time <c>monsters_defeated</c> board seeded
/// from the defeats the players already had, so an upgraded server's board does not start empty. Players
/// with equal counts rank by player id (their order of reaching it is not known).
/// </summary>
public sealed class LeaderboardMigration : IMigration
{
    public int Version => 10;

    public string Description => "leaderboards: period index, all-time monsters_defeated from the players' defeats";

    public void Apply(GameDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var scores = database.Collection<LeaderboardScoreRecord>(LiteDbLeaderboardStore.Collection);
        scores.EnsureIndex(s => s.Period);

        var board = LeaderboardBoard.MonstersDefeated;
        var defeats = database.Collection<PlayerRecord>(LiteDbPlayerStore.Collection)
            .Find(p => p.MonstersDefeated > 0)
            .OrderBy(p => p.Id)
            .Select((p, index) => LeaderboardScoreRecord.Of(board, LeaderboardScoreRecord.AllTime, new RankedScore(p.User, p.MonstersDefeated, index + 1)))
            .ToList();

        // An upsert: a re-run after a crash before the version was recorded writes the same documents again.
        scores.Upsert(defeats);
    }
}

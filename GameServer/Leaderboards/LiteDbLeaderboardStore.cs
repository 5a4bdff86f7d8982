using GameServer.Storage;
using GameServer.Storage.LiteDb;
using LiteDB;

namespace GameServer.Leaderboards;

/// <summary>The <c>leaderboard_scores</c> collection of the LiteDB file.</summary>
public sealed class LiteDbLeaderboardStore(GameDatabase database, StoreMetrics metrics) : ILeaderboardStore
{
    internal const string Collection = "leaderboard_scores";
    private const string Store = "leaderboards";

    private readonly ILiteCollection<LeaderboardScoreRecord> _scores = database.Collection<LeaderboardScoreRecord>(Collection);

    public IReadOnlyList<IRecordSet> RecordSets =>
    [
        new RecordSet<LeaderboardScoreRecord>(Collection, () => _scores.LongCount(), () => _scores.Query().OrderBy(s => s.Id).ToEnumerable(), Save, () => _scores.DeleteAll()),
    ];

    public IReadOnlyList<LeaderboardScoreRecord> InPeriod(string period)
    {
        using var timing = metrics.Time(Store, "in_period");
        return _scores.Find(s => s.Period == period).ToList();
    }

    public void Save(IReadOnlyList<LeaderboardScoreRecord> scores)
    {
        using var timing = metrics.Time(Store, "save");
        database.InTransaction(() => _scores.Upsert(scores));
    }

    public int DeleteWeeksOtherThan(string thisWeek, string lastWeek)
    {
        using var timing = metrics.Time(Store, "delete_old_weeks");
        return _scores.DeleteMany(s => s.Period != LeaderboardScoreRecord.AllTime && s.Period != thisWeek && s.Period != lastWeek);
    }
}

using GameServer.Storage;
using LiteDB;

namespace GameServer.Leaderboards;

/// <summary>The <c>leaderboard_scores</c> collection.</summary>
public sealed class LeaderboardStore(GameDatabase database, StoreMetrics? metrics = null)
{
    internal const string Collection = "leaderboard_scores";

    /// <summary>The period key of all-time scores.</summary>
    internal const string AllTime = "all";

    private readonly ILiteCollection<LeaderboardScoreRecord> _scores = database.Collection<LeaderboardScoreRecord>(Collection);
    private readonly StoreMetrics _metrics = metrics ?? StoreMetrics.Unrecorded;

    /// <summary>Every board's scores of one period, through the period index.</summary>
    public IReadOnlyList<LeaderboardScoreRecord> InPeriod(string period)
    {
        using var timing = _metrics.Time("leaderboards", "in_period");
        return _scores.Find(s => s.Period == period).ToList();
    }

    /// <summary>Inserts or replaces many scores in one transaction.</summary>
    public void Save(IReadOnlyList<LeaderboardScoreRecord> scores)
    {
        using var timing = _metrics.Time("leaderboards", "save");
        database.InTransaction(() => _scores.Upsert(scores));
    }

    /// <summary>Deletes the scores of weeks other than these two: only this week and last week are ever read again.</summary>
    public int DeleteWeeksOtherThan(string thisWeek, string lastWeek)
    {
        using var timing = _metrics.Time("leaderboards", "delete_weeks_other_than");
        return _scores.DeleteMany(s => s.Period != AllTime && s.Period != thisWeek && s.Period != lastWeek);
    }
}

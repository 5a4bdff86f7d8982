using GameServer.Storage;

namespace GameServer.Leaderboards;

/// <summary>The boards' scores, one record per board, period and user, on either provider.</summary>
public interface ILeaderboardStore : IRecordSource
{
    /// <summary>Every board's scores of one period (<c>all</c> or a week's key).</summary>
    IReadOnlyList<LeaderboardScoreRecord> InPeriod(string period);

    /// <summary>Inserts or replaces many scores in one transaction.</summary>
    void Save(IReadOnlyList<LeaderboardScoreRecord> scores);

    /// <summary>Deletes the scores of weeks other than these two: only this week and last week are ever read again.</summary>
    int DeleteWeeksOtherThan(string thisWeek, string lastWeek);
}

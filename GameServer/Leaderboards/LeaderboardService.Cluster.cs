using GameServer.Protocol.Leaderboards;

namespace GameServer.Leaderboards;

/// <summary>
/// Cluster mode: counting and answers on <see cref="RedisStandings"/>, shared by every node, with the
/// same answers as the boards of one process. The week is the one of the node's clock; a week that
/// begins starts with an empty set of its own, so nothing rolls.
/// </summary>
public sealed partial class LeaderboardService
{
    private void CountInCluster(LeaderboardBoard board, IEnumerable<int> users, double points)
    {
        var week = IsoWeek.Of(_time.GetUtcNow());
        foreach (var user in users)
        {
            _cluster!.Add(board, user, points, week);
        }
    }

    private async ValueTask<LeaderboardPage> PageInClusterAsync(LeaderboardBoard board, LeaderboardPeriod period, int skip, int take)
    {
        var (scores, total) = await _cluster!.PageAsync(board, PeriodKey(period), skip, take);
        return new LeaderboardPage(board.Name(), period.Name(), Entries(scores, skip), total);
    }

    private async ValueTask<LeaderboardStanding> StandingInClusterAsync(int user, LeaderboardBoard board, LeaderboardPeriod period)
    {
        var key = PeriodKey(period);
        var (mine, index, total) = await _cluster!.FindAsync(board, key, user);
        if (mine is not { } score)
        {
            var last = Math.Max(0, total - AroundEachSide);
            var tail = (await _cluster.PageAsync(board, key, last, AroundEachSide)).Scores;
            return new LeaderboardStanding(board.Name(), period.Name(), null, 0, total, Entries(tail, last));
        }

        var first = Math.Max(0, index - AroundEachSide);
        var around = (await _cluster.PageAsync(board, key, first, index - first + 1 + AroundEachSide)).Scores;
        return new LeaderboardStanding(board.Name(), period.Name(), index + 1, score.Score, total, Entries(around, first));
    }

    private string PeriodKey(LeaderboardPeriod period)
    {
        var week = IsoWeek.Of(_time.GetUtcNow());
        return period switch
        {
            LeaderboardPeriod.All => LeaderboardScoreRecord.AllTime,
            LeaderboardPeriod.Week => week.Key,
            _ => week.Previous.Key,
        };
    }

    // Another node's count (or this one's) reached a top 10: this node's subscribers hear of it as of a local one.
    private void OnClusterTopChanged(LeaderboardBoard board, string period)
    {
        if (period == LeaderboardScoreRecord.AllTime)
        {
            TopChanged?.Invoke(board, LeaderboardPeriod.All);
        }
        else if (period == IsoWeek.Of(_time.GetUtcNow()).Key)
        {
            TopChanged?.Invoke(board, LeaderboardPeriod.Week);
        }
    }

    private List<LeaderboardEntry> Entries(IReadOnlyList<RankedScore> scores, int skip) =>
        [.. scores.Select((score, i) => new LeaderboardEntry(skip + i + 1, score.User, _names.Of(score.User), score.Score))];
}

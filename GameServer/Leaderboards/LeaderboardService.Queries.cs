using System.Collections.Immutable;
using GameServer.Protocol.Leaderboards;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Leaderboards;

public sealed partial class LeaderboardService
{
    /// <summary>Entries in a page when the client names no limit.</summary>
    public const int DefaultLimit = 10;

    /// <summary>The most entries one page answers with.</summary>
    public const int MaxLimit = 100;

    /// <summary>Entries shown on each side of the caller in <c>leaderboard.me</c>.</summary>
    public const int AroundEachSide = 2;

    /// <summary>
    /// A page of the board, best first: <paramref name="limit"/> entries (10 when left out, at most 100) from <paramref name="offset"/>.
    /// In memory it completes at once; in cluster mode it waits on Redis without holding a thread.
    /// </summary>
    public ValueTask<LeaderboardPage> TopAsync(string? board, string? period, int? limit = null, int? offset = null)
    {
        var (whichBoard, whichPeriod) = (LeaderboardNames.ParseBoard(board), LeaderboardNames.ParsePeriod(period));
        var take = limit switch
        {
            null => DefaultLimit,
            < 0 or > MaxLimit => throw RpcException.InvalidParams("limit", $"must be 0 to {MaxLimit}"),
            { } given => given,
        };
        var skip = offset switch
        {
            null => 0,
            < 0 => throw RpcException.InvalidParams("offset", "must be >= 0"),
            { } given => given,
        };
        if (_cluster is not null)
        {
            return PageInClusterAsync(whichBoard, whichPeriod, skip, take);
        }

        var order = Current(whichBoard, whichPeriod);
        return ValueTask.FromResult(new LeaderboardPage(whichBoard.Name(), whichPeriod.Name(), Entries(order, skip, take), order.Count));
    }

    /// <summary>The top 10 now: the content of <c>leaderboard.subscribe</c>'s answer and of <c>leaderboard.changed</c>.</summary>
    /// <remarks>It does not roll the week (the week's end raises its own change), so it raises nothing itself.</remarks>
    public async ValueTask<IReadOnlyList<LeaderboardEntry>> TopTenAsync(LeaderboardBoard board, LeaderboardPeriod period) =>
        _cluster is not null
            ? (await PageInClusterAsync(board, period, 0, Ranking.TopSize)).Entries
            : Entries(Standings(board)[period].Top, 0, Ranking.TopSize);

    /// <summary>Where <paramref name="user"/> stands on the board: rank (null while unranked), score, total and the entries around.</summary>
    public ValueTask<LeaderboardStanding> MeAsync(int user, string? board, string? period)
    {
        var (whichBoard, whichPeriod) = (LeaderboardNames.ParseBoard(board), LeaderboardNames.ParsePeriod(period));
        return _cluster is not null
            ? StandingInClusterAsync(user, whichBoard, whichPeriod)
            : ValueTask.FromResult(StandingInMemory(user, whichBoard, whichPeriod));
    }

    private LeaderboardStanding StandingInMemory(int user, LeaderboardBoard whichBoard, LeaderboardPeriod whichPeriod)
    {

        var standings = Standings(whichBoard);
        RollIfWeekEnded(standings);
        RankedScore? mine;
        ImmutableSortedSet<RankedScore> order;
        lock (standings.Lock)
        {
            var ranking = standings[whichPeriod];
            (mine, order) = (ranking.Find(user), ranking.Settled());
        }

        var (boardName, periodName) = (whichBoard.Name(), whichPeriod.Name());
        if (mine is not { } score)
        {
            var last = Math.Max(0, order.Count - AroundEachSide);
            return new LeaderboardStanding(boardName, periodName, null, 0, order.Count, Entries(order, last, AroundEachSide));
        }

        var index = order.IndexOf(score);
        var first = Math.Max(0, index - AroundEachSide);
        var around = Entries(order, first, index - first + 1 + AroundEachSide);
        return new LeaderboardStanding(boardName, periodName, index + 1, score.Score, order.Count, around);
    }

    /// <summary>The ranking's whole order now, after rolling to a new week if one has begun and placing the waiting users.</summary>
    private ImmutableSortedSet<RankedScore> Current(LeaderboardBoard board, LeaderboardPeriod period)
    {
        var standings = Standings(board);
        if (period != LeaderboardPeriod.All)
        {
            RollIfWeekEnded(standings);
        }

        lock (standings.Lock)
        {
            return standings[period].Settled();
        }
    }

    // Through RollWeeks, which tells the subscribers: a read may notice the new week before the week's timer does.
    private void RollIfWeekEnded(BoardStandings standings)
    {
        if (_time.GetUtcNow() >= standings.CurrentWeek.End)
        {
            RollWeeks();
        }
    }

    // Each entry by its index: O(log n) apiece, so a page costs O(limit · log n) wherever it starts.
    private List<LeaderboardEntry> Entries(ImmutableSortedSet<RankedScore> order, int skip, int take)
    {
        var end = (int)Math.Min(order.Count, (long)skip + take);
        var entries = new List<LeaderboardEntry>(Math.Max(0, end - skip));
        for (var index = skip; index < end; index++)
        {
            var score = order[index];
            entries.Add(new LeaderboardEntry(index + 1, score.User, _names.Of(score.User), score.Score));
        }

        return entries;
    }
}

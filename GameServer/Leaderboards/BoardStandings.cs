namespace GameServer.Leaderboards;

/// <summary>
/// One board's three rankings and the week they belong to. Every change, every roll to a new week and
/// every lookup by user holds <see cref="Lock"/>, so an event at a week's boundary counts in exactly one
/// week; reading a ranking's order needs no lock.
/// </summary>
internal sealed class BoardStandings(LeaderboardBoard board, IsoWeek week)
{
    public Lock Lock { get; } = new();

    public LeaderboardBoard Board => board;

    public IsoWeek CurrentWeek { get; private set; } = week;

    public Ranking All { get; } = new("all");

    public Ranking Week { get; private set; } = new(week.Key);

    public Ranking LastWeek { get; private set; } = new(week.Previous.Key);

    public Ranking this[LeaderboardPeriod period] => period switch
    {
        LeaderboardPeriod.All => All,
        LeaderboardPeriod.Week => Week,
        _ => LastWeek,
    };

    /// <summary>
    /// Moves to the week of <paramref name="now"/> if it has begun: the current week's standings become
    /// last week's (final from now on) and the new week starts empty. After a gap of more than a week
    /// (the server was down), last week is empty too. True when it rolled; the caller holds the lock.
    /// </summary>
    public bool RollTo(DateTimeOffset now)
    {
        if (now < CurrentWeek.End)
        {
            return false;
        }

        var week = IsoWeek.Of(now);
        LastWeek = week.Previous == CurrentWeek ? Week : new Ranking(week.Previous.Key);
        Week = new Ranking(week.Key);
        CurrentWeek = week;
        return true;
    }
}

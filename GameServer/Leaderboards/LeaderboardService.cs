namespace GameServer.Leaderboards;

/// <summary>
/// The boards in memory: counts the game's events as they happen (O(log n) each), rolls to a new ISO
/// week on the server's clock, and answers pages and standings from the sorted rankings. This file
/// holds counting and the weeks; <c>LeaderboardService.Queries.cs</c> the answers. Loading and saving
/// are <see cref="LeaderboardPersistence"/>'s; notifications are <see cref="LeaderboardFeed"/>'s.
/// </summary>
public sealed partial class LeaderboardService : IDisposable
{
    private readonly BoardStandings[] _boards;
    private readonly TimeProvider _time;
    private readonly UsernameBook _names;
    private readonly ITimer _weekTimer;
    private readonly RedisStandings? _cluster;
    private long _sequence;

    /// <summary>The boards of one process, or with <paramref name="cluster"/> the cluster's boards in Redis.</summary>
    public LeaderboardService(TimeProvider time, UsernameBook names, RedisStandings? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _names = names;
        _cluster = cluster;
        cluster?.FollowTopChanges(OnClusterTopChanged);
        var now = time.GetUtcNow();
        var week = IsoWeek.Of(now);
        _boards = [.. LeaderboardNames.Boards.Select(board => new BoardStandings(board, week))];

        // A week that ends with nobody playing must still roll then, so that subscribers see it begin empty.
        _weekTimer = time.CreateTimer(_ => OnWeekEnd(), null, week.End - now, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Raised outside every lock when a board's top 10 may have changed (a score in it, or a new week).</summary>
    public event Action<LeaderboardBoard, LeaderboardPeriod>? TopChanged;

    /// <summary>The week of the boards' <c>week</c> period.</summary>
    public IsoWeek CurrentWeek => _boards[0].CurrentWeek;

    /// <summary>Adds <paramref name="points"/> to the user's score on the board, all-time and this week.</summary>
    public void Count(LeaderboardBoard board, int user, double points)
    {
        if (!(points > 0))
        {
            return;
        }

        if (_cluster is not null)
        {
            CountInCluster(board, [user], points);
            return;
        }

        var standings = _boards[(int)board];
        bool rolled, allTop, weekTop;
        lock (standings.Lock)
        {
            rolled = standings.RollTo(_time.GetUtcNow());
            var sequence = Interlocked.Increment(ref _sequence);
            allTop = standings.All.Add(user, points, sequence);
            weekTop = standings.Week.Add(user, points, sequence);
        }

        Raise(board, rolled, allTop, weekTop);
    }

    /// <summary>Adds <paramref name="points"/> to each user's score, in order, under one lock: for a batch of gifts.</summary>
    public void CountEach(LeaderboardBoard board, IEnumerable<int> users, double points)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (!(points > 0))
        {
            return;
        }

        if (_cluster is not null)
        {
            CountInCluster(board, users, points);
            return;
        }

        var standings = _boards[(int)board];
        bool rolled, allTop = false, weekTop = false;
        lock (standings.Lock)
        {
            rolled = standings.RollTo(_time.GetUtcNow());
            foreach (var user in users)
            {
                var sequence = Interlocked.Increment(ref _sequence);
                allTop |= standings.All.Add(user, points, sequence);
                weekTop |= standings.Week.Add(user, points, sequence);
            }
        }

        Raise(board, rolled, allTop, weekTop);
    }

    /// <summary>Rolls every board to the week of now, if it has begun; the persistence job calls it too.</summary>
    public void RollWeeks()
    {
        var now = _time.GetUtcNow();
        foreach (var standings in _boards)
        {
            bool rolled;
            lock (standings.Lock)
            {
                rolled = standings.RollTo(now);
            }

            Raise(standings.Board, rolled, allTop: false, weekTop: false);
        }
    }

    public void Dispose() => _weekTimer.Dispose();

    internal BoardStandings Standings(LeaderboardBoard board) => _boards[(int)board];

    /// <summary>After loading: events from now on are numbered after every stored one.</summary>
    internal void ContinueAfter(long sequence) => Interlocked.Exchange(ref _sequence, Math.Max(sequence, Interlocked.Read(ref _sequence)));

    private void OnWeekEnd()
    {
        RollWeeks();

        // A timer may fire a little early; then the week of now is still the old one and this re-arms for its end.
        var now = _time.GetUtcNow();
        _weekTimer.Change(IsoWeek.Of(now).End - now, Timeout.InfiniteTimeSpan);
    }

    private void Raise(LeaderboardBoard board, bool rolled, bool allTop, bool weekTop)
    {
        if (allTop)
        {
            TopChanged?.Invoke(board, LeaderboardPeriod.All);
        }

        if (weekTop || rolled)
        {
            TopChanged?.Invoke(board, LeaderboardPeriod.Week);
        }

        if (rolled)
        {
            TopChanged?.Invoke(board, LeaderboardPeriod.LastWeek);
        }
    }
}

namespace GameServer.Leaderboards;

/// <summary>A user's score on one board in one period.</summary>
/// <param name="User">The user's id.</param>
/// <param name="Score">Above 0: users without points are not ranked.</param>
/// <param name="Sequence">
/// When the user reached this score, as a number that grows with every event the leaderboards count
/// (kept across restarts): of equal scores the smaller, reached first, ranks higher. A clock would
/// not do: two events can share a tick, and a virtual clock stands still.
/// </param>
public readonly record struct RankedScore(int User, double Score, long Sequence);

/// <summary>Best first: the higher score, then the one reached first; the user id only makes the order total.</summary>
public sealed class RankedScoreOrder : IComparer<RankedScore>
{
    public static RankedScoreOrder Instance { get; } = new();

    public int Compare(RankedScore x, RankedScore y)
    {
        var byScore = y.Score.CompareTo(x.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var bySequence = x.Sequence.CompareTo(y.Sequence);
        return bySequence != 0 ? bySequence : x.User.CompareTo(y.User);
    }
}

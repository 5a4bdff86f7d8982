namespace GameServer.Leaderboards;

/// <summary>A user's score on one board in one period, as stored; one document per user, board and period.</summary>
public sealed class LeaderboardScoreRecord
{
    /// <summary>The period key of all-time scores.</summary>
    public const string AllTime = "all";

    /// <summary><c>{board}/{period}/{user}</c>, so a save is an upsert of the same document.</summary>
    public string Id { get; set; } = "";

    /// <summary>The board's wire name, such as <c>monsters_defeated</c>.</summary>
    public string Board { get; set; } = "";

    /// <summary><c>all</c>, or the ISO week's key such as <c>2026-W49</c> (indexed: start-up reads three periods).</summary>
    public string Period { get; set; } = "";

    public int User { get; set; }

    public double Score { get; set; }

    /// <summary>When the score was reached, in the order of counted events: breaks ties.</summary>
    public long Sequence { get; set; }

    public static string IdOf(string board, string period, int user) => $"{board}/{period}/{user}";

    public RankedScore ToScore() => new(User, Score, Sequence);

    public static LeaderboardScoreRecord Of(LeaderboardBoard board, string period, RankedScore score) => new()
    {
        Id = IdOf(board.Name(), period, score.User),
        Board = board.Name(),
        Period = period,
        User = score.User,
        Score = score.Score,
        Sequence = score.Sequence,
    };
}

namespace GameServer.Protocol.Leaderboards;

/// <summary>Parameters of <c>leaderboard.top</c>: a page of one board, best first.</summary>
/// <param name="Board">One of <see cref="LeaderboardBoards"/>.</param>
/// <param name="Period">One of <see cref="LeaderboardPeriods"/>; <c>all</c> when left out.</param>
/// <param name="Limit">Most entries to return: 0 to 100, 10 when left out.</param>
/// <param name="Offset">Entries to skip from the top; 0 when left out.</param>
public sealed record LeaderboardTopParams(string Board, string? Period = null, int? Limit = null, int? Offset = null);

/// <summary>Parameters naming one board and period: <c>leaderboard.me</c>, <c>leaderboard.subscribe</c>, <c>leaderboard.unsubscribe</c>.</summary>
/// <param name="Board">One of <see cref="LeaderboardBoards"/>.</param>
/// <param name="Period">One of <see cref="LeaderboardPeriods"/>; <c>all</c> when left out.</param>
public sealed record LeaderboardRef(string Board, string? Period = null);

/// <summary>One ranked player on a board.</summary>
/// <param name="Rank">1-based and contiguous; of equal scores, the one reached first ranks higher.</param>
/// <param name="User">The player's user id.</param>
/// <param name="Username">The player's username.</param>
/// <param name="Score">Monsters defeated, world units walked or gifts received in the period.</param>
public sealed record LeaderboardEntry(int Rank, int User, string Username, double Score);

/// <summary>
/// A page of a board: the answer to <c>leaderboard.top</c> and to <c>leaderboard.subscribe</c> (then the top 10).
/// </summary>
/// <param name="Board">The board's name.</param>
/// <param name="Period">The period's name.</param>
/// <param name="Entries">The entries, best first.</param>
/// <param name="Total">How many players have a score above 0 on the board in the period.</param>
public sealed record LeaderboardPage(string Board, string Period, IReadOnlyList<LeaderboardEntry> Entries, int Total);

/// <summary>The answer to <c>leaderboard.me</c>: where the caller stands.</summary>
/// <param name="Board">The board's name.</param>
/// <param name="Period">The period's name.</param>
/// <param name="Rank">The caller's rank; null while its score is 0.</param>
/// <param name="Score">The caller's score; 0 when it has none.</param>
/// <param name="Total">How many players have a score above 0.</param>
/// <param name="Around">
/// Up to 2 entries above the caller, the caller's own entry, and up to 2 below, best first; while the
/// caller is unranked, the last 2 ranked entries (the ones it would climb past first).
/// </param>
public sealed record LeaderboardStanding(string Board, string Period, int? Rank, double Score, int Total, IReadOnlyList<LeaderboardEntry> Around);

/// <summary>Params of <c>leaderboard.changed</c>: a subscribed board's new top 10, at most once per second per board and period.</summary>
/// <param name="Board">The board's name.</param>
/// <param name="Period">The period's name.</param>
/// <param name="Entries">The top 10 (fewer while fewer are ranked), best first.</param>
public sealed record LeaderboardChanged(string Board, string Period, IReadOnlyList<LeaderboardEntry> Entries);

namespace GameServer.Protocol.Leaderboards;

/// <summary>The names of the boards, as in <see cref="LeaderboardRef.Board"/>.</summary>
public static class LeaderboardBoards
{
    /// <summary>Monsters the player struck the last blow on.</summary>
    public const string MonstersDefeated = "monsters_defeated";

    /// <summary>World units the player actually moved, as the server applied the moves (a step against the world's edge counts what was left of it).</summary>
    public const string DistanceWalked = "distance_walked";

    /// <summary>Gifts the gift job put into the player's inventory.</summary>
    public const string GiftsReceived = "gifts_received";

    /// <summary>Every board, in the order the docs list them.</summary>
    public static IReadOnlyList<string> All { get; } = [MonstersDefeated, DistanceWalked, GiftsReceived];
}

/// <summary>The names of the periods, as in <see cref="LeaderboardRef.Period"/>.</summary>
public static class LeaderboardPeriods
{
    /// <summary>Since the board began.</summary>
    public const string All = "all";

    /// <summary>The current ISO week (Monday 00:00 UTC on); a new week starts empty.</summary>
    public const string Week = "week";

    /// <summary>The previous ISO week's final standings; they no longer change.</summary>
    public const string LastWeek = "last_week";

    /// <summary>Every period.</summary>
    public static IReadOnlyList<string> Every { get; } = [All, Week, LastWeek];
}

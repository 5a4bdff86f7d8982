using GameServer.Protocol.Leaderboards;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Leaderboards;

/// <summary>What a board counts; the wire names are in <see cref="LeaderboardBoards"/>.</summary>
public enum LeaderboardBoard
{
    MonstersDefeated,
    DistanceWalked,
    GiftsReceived,
}

/// <summary>Which standings of a board; the wire names are in <see cref="LeaderboardPeriods"/>.</summary>
public enum LeaderboardPeriod
{
    All,
    Week,
    LastWeek,
}

/// <summary>The wire names of boards and periods, both ways; an unknown name is -32602 naming its field.</summary>
public static class LeaderboardNames
{
    public static IReadOnlyList<LeaderboardBoard> Boards { get; } = Enum.GetValues<LeaderboardBoard>();

    public static IReadOnlyList<LeaderboardPeriod> Periods { get; } = Enum.GetValues<LeaderboardPeriod>();

    public static string Name(this LeaderboardBoard board) => board switch
    {
        LeaderboardBoard.MonstersDefeated => LeaderboardBoards.MonstersDefeated,
        LeaderboardBoard.DistanceWalked => LeaderboardBoards.DistanceWalked,
        LeaderboardBoard.GiftsReceived => LeaderboardBoards.GiftsReceived,
        _ => throw new ArgumentOutOfRangeException(nameof(board), board, null),
    };

    public static string Name(this LeaderboardPeriod period) => period switch
    {
        LeaderboardPeriod.All => LeaderboardPeriods.All,
        LeaderboardPeriod.Week => LeaderboardPeriods.Week,
        LeaderboardPeriod.LastWeek => LeaderboardPeriods.LastWeek,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };

    public static LeaderboardBoard ParseBoard(string? name) => name switch
    {
        LeaderboardBoards.MonstersDefeated => LeaderboardBoard.MonstersDefeated,
        LeaderboardBoards.DistanceWalked => LeaderboardBoard.DistanceWalked,
        LeaderboardBoards.GiftsReceived => LeaderboardBoard.GiftsReceived,
        _ => throw RpcException.InvalidParams("board", $"must be one of {string.Join(", ", LeaderboardBoards.All)}"),
    };

    /// <summary>A period left out is <c>all</c>.</summary>
    public static LeaderboardPeriod ParsePeriod(string? name) => name switch
    {
        null or LeaderboardPeriods.All => LeaderboardPeriod.All,
        LeaderboardPeriods.Week => LeaderboardPeriod.Week,
        LeaderboardPeriods.LastWeek => LeaderboardPeriod.LastWeek,
        _ => throw RpcException.InvalidParams("period", $"must be one of {string.Join(", ", LeaderboardPeriods.Every)}"),
    };
}

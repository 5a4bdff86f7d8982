using GameServer.Protocol.Client;
using GameServer.Protocol.Players;

namespace GameServer.Protocol.Leaderboards;

/// <summary>Typed calls of the <c>leaderboard.*</c> methods. There is deliberately no call to set a score: only the server's own events do.</summary>
public static class LeaderboardsClientExtensions
{
    private static GameJsonContext Json => GameJsonContext.Default;

    /// <summary>A page of a board, best first: <paramref name="limit"/> entries (10 when left out, at most 100) from <paramref name="offset"/>.</summary>
    public static Task<LeaderboardPage> LeaderboardTopAsync(
        this GameClient client,
        string board,
        string? period = null,
        int? limit = null,
        int? offset = null,
        CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.LeaderboardTop, new LeaderboardTopParams(board, period, limit, offset), Json.LeaderboardTopParams, Json.LeaderboardPage, cancellationToken);

    /// <summary>The caller's rank, score and neighbours on a board.</summary>
    public static Task<LeaderboardStanding> LeaderboardMeAsync(this GameClient client, string board, string? period = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.LeaderboardMe, new LeaderboardRef(board, period), Json.LeaderboardRef, Json.LeaderboardStanding, cancellationToken);

    /// <summary>Subscribes to <c>leaderboard.changed</c> for a board and period; answers with the current top 10.</summary>
    public static Task<LeaderboardPage> SubscribeLeaderboardAsync(this GameClient client, string board, string? period = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.LeaderboardSubscribe, new LeaderboardRef(board, period), Json.LeaderboardRef, Json.LeaderboardPage, cancellationToken);

    /// <summary>Stops <c>leaderboard.changed</c> for a board and period.</summary>
    public static Task<UnsubscribeResult> UnsubscribeLeaderboardAsync(this GameClient client, string board, string? period = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.LeaderboardUnsubscribe, new LeaderboardRef(board, period), Json.LeaderboardRef, Json.UnsubscribeResult, cancellationToken);
}

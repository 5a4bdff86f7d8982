using GameServer.Protocol.Client;

namespace GameServer.Protocol.Players;

/// <summary>Typed calls of the <c>players.*</c> methods.</summary>
public static class PlayersClientExtensions
{
    private static GameJsonContext Json => GameJsonContext.Default;

    /// <summary>Every player.</summary>
    public static Task<IReadOnlyList<PlayerInfo>> ListPlayersAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.PlayersList, Json.IReadOnlyListPlayerInfo, cancellationToken);

    /// <summary>Subscribes to <c>players.updated</c> (and, with a radius, <c>players.left_view</c>); answers with a snapshot.</summary>
    public static Task<PlayerList> SubscribePlayersAsync(this GameClient client, double? radius = null, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.PlayersSubscribe, new PlayersSubscribeParams(radius), Json.PlayersSubscribeParams, Json.PlayerList, cancellationToken);

    /// <summary>Stops this connection's player notifications.</summary>
    public static Task<UnsubscribeResult> UnsubscribePlayersAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.PlayersUnsubscribe, Json.UnsubscribeResult, cancellationToken);

    /// <summary>Moves the caller's own player one step; answers with its new position.</summary>
    public static Task<Position> MoveAsync(this GameClient client, double dx, double dy, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.PlayersMove, new MoveParams(dx, dy), Json.MoveParams, Json.Position, cancellationToken);
}

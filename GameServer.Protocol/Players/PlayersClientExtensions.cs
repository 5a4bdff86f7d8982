using GameServer.Protocol.Client;

namespace GameServer.Protocol.Players;

/// <summary>Typed calls of the <c>players.*</c> methods.</summary>
public static class PlayersClientExtensions
{
    private static GameJsonContext Json => GameJsonContext.Default;

    /// <summary>Every player.</summary>
    public static Task<IReadOnlyList<PlayerInfo>> ListPlayersAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.PlayersList, Json.IReadOnlyListPlayerInfo, cancellationToken);

    /// <summary>
    /// Subscribes to <c>players.updated</c> (and, with a radius, <c>players.left_view</c>); answers with a
    /// snapshot. Apply the snapshot and the notifications to a <see cref="PlayerView"/>: updates may be partial.
    /// </summary>
    public static Task<PlayerList> SubscribePlayersAsync(this GameClient client, double? radius = null, CancellationToken cancellationToken = default) =>
        client.SubscribePlayersAsync(new PlayersSubscribeParams(radius), cancellationToken);

    /// <summary>Subscribes with every option, <c>compact</c> included; answers with a snapshot.</summary>
    public static Task<PlayerList> SubscribePlayersAsync(this GameClient client, PlayersSubscribeParams parameters, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.PlayersSubscribe, parameters, Json.PlayersSubscribeParams, Json.PlayerList, cancellationToken);

    /// <summary>
    /// Subscribes and resets <paramref name="view"/> to the snapshot on the receive loop, in order with
    /// the notifications: apply every later <c>players.*</c> notification to the view (<see cref="PlayerView.Apply"/>).
    /// </summary>
    public static Task<PlayerList> SubscribePlayersAsync(this GameClient client, PlayerView view, PlayersSubscribeParams parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(view);
        return client.CallAsync(Methods.PlayersSubscribe, parameters, Json.PlayersSubscribeParams, Json.PlayerList, view.Reset, cancellationToken);
    }

    /// <summary>Stops this connection's player notifications.</summary>
    public static Task<UnsubscribeResult> UnsubscribePlayersAsync(this GameClient client, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.PlayersUnsubscribe, Json.UnsubscribeResult, cancellationToken);

    /// <summary>Moves the caller's own player one step; answers with its new position.</summary>
    public static Task<Position> MoveAsync(this GameClient client, double dx, double dy, CancellationToken cancellationToken = default) =>
        client.CallAsync(Methods.PlayersMove, new MoveParams(dx, dy), Json.MoveParams, Json.Position, cancellationToken);

    /// <summary>
    /// Sends <c>players.move</c> as a notification: applied as a call would be, but nothing is
    /// answered, not even a refusal. The way to send movement at rate; the new position arrives in the next patch.
    /// </summary>
    public static Task SendMoveAsync(this GameClient client, double dx, double dy, CancellationToken cancellationToken = default) =>
        client.NotifyAsync(Methods.PlayersMove, new MoveParams(dx, dy), Json.MoveParams, cancellationToken);
}

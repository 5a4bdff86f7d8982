using GameServer.Cluster.Authority;
using GameServer.Protocol;
using GameServer.Protocol.Players;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Players;

/// <summary>
/// The <c>players.*</c> methods: adapters over <see cref="PlayerWorld"/> and <see cref="PlayerFeed"/>. A move
/// is the world's owner's to apply: here on one node, forwarded to it in cluster mode.
/// </summary>
public sealed class PlayersRpc(PlayerWorld world, PlayerFeed feed, IAuthority authority) : IRpcMethods
{
    public void MapTo(RpcMethodTable.Builder methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var json = GameJsonContext.Default;
        methods
            .Add(Methods.PlayersList, RpcAccess.User, json.EmptyParams, json.IReadOnlyListPlayerInfo,
                (_, _, _) => ValueTask.FromResult(world.All()))
            .Add(Methods.PlayersSubscribe, RpcAccess.User, json.PlayersSubscribeParams, json.PlayerList,
                (session, p, _) => ValueTask.FromResult(feed.Subscribe(session, p.Radius, p.Compact)))
            .Add(Methods.PlayersUnsubscribe, RpcAccess.User, json.EmptyParams, json.UnsubscribeResult,
                (session, _, _) => ValueTask.FromResult(new UnsubscribeResult(feed.Unsubscribe(session))))
            .Add(Methods.PlayersMove, RpcAccess.User, json.MoveParams, json.Position,
                (session, p, ct) => authority.AskAsync<MoveRequest, Position>(PlayerOperations.Move, new MoveRequest(session.User!.Id, p.Dx, p.Dy), ct));
    }
}

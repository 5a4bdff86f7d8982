using GameServer.Cluster.Authority;
using GameServer.Protocol;
using GameServer.Protocol.Players;
using GameServer.Realtime;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Players;

/// <summary>
/// The <c>players.*</c> methods: adapters over <see cref="PlayerWorld"/> and <see cref="PlayerFeed"/>. A move
/// is the world's owner's to apply: here on one node, forwarded to it in cluster mode.
/// </summary>
public sealed class PlayersRpc : IRpcMethods
{
    private readonly PlayerWorld _world;
    private readonly PlayerFeed _feed;
    private readonly IAuthority _authority;

    /// <summary>Also answers the owner's side of the methods: from now on when this node owns the world.</summary>
    public PlayersRpc(PlayerWorld world, PlayerFeed feed, IAuthority authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        (_world, _feed, _authority) = (world, feed, authority);
        authority.AnswerWith(world);
    }

    public void MapTo(RpcMethodTable.Builder methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var json = GameJsonContext.Default;
        methods
            .Add(Methods.PlayersList, RpcAccess.User, json.EmptyParams, json.IReadOnlyListPlayerInfo,
                (_, _, _) => ValueTask.FromResult(_world.All()))
            .Add(Methods.PlayersSubscribe, RpcAccess.User, json.PlayersSubscribeParams, json.PlayerList,
                (session, p, _) => ValueTask.FromResult(_feed.Subscribe(session, p.Radius, p.Compact)))
            .Add(Methods.PlayersUnsubscribe, RpcAccess.User, json.EmptyParams, json.UnsubscribeResult,
                (session, _, _) => ValueTask.FromResult(new UnsubscribeResult(_feed.Unsubscribe(session))))
            .Add(Methods.PlayersMove, RpcAccess.User, json.MoveParams, json.Position, MoveAsync, nonBlocking: true);
    }

    private async ValueTask<Position> MoveAsync(Session session, MoveParams parameters, CancellationToken cancellationToken)
    {
        var user = session.User!.Id;
        if (!_world.IsKnown(user))
        {
            // Rare (a player the world has not met yet): the world reads storage for it, which is not
            // work for the socket thread. Every other move stays there.
            await SocketThread.Leave();
        }

        return await _authority.AskAsync<MoveRequest, Position>(PlayerOperations.Move, new MoveRequest(user, parameters.Dx, parameters.Dy), cancellationToken);
    }
}

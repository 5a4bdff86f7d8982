using GameServer.Cluster.Authority;
using GameServer.Protocol;
using GameServer.Protocol.Players;
using GameServer.Protocol.Inventory;
using GameServer.Protocol.Monsters;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Monsters;

/// <summary>
/// The <c>monsters.*</c> methods: adapters over <see cref="MonsterService"/>. What changes a monster
/// (a strike, an admin's create, update, transition or delete) is the world's owner's to apply: here on
/// one node, forwarded to it in cluster mode, so its memory, which it ticks and saves, is never stale.
/// Reads answer from this node's copy.
/// </summary>
public sealed class MonstersRpc : IRpcMethods
{
    private readonly MonsterService _monsters;
    private readonly MonsterFeed _feed;
    private readonly IAuthority _authority;

    /// <summary>Also answers the owner's side of the methods: from now on when this node owns the world.</summary>
    public MonstersRpc(MonsterService monsters, MonsterWorld world, MonsterFeed feed, IAuthority authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        (_monsters, _feed, _authority) = (monsters, feed, authority);
        authority.AnswerWith(monsters, world);
    }

    public void MapTo(RpcMethodTable.Builder methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var json = GameJsonContext.Default;
        methods
            .Add(Methods.MonstersList, RpcAccess.User, json.EmptyParams, json.IReadOnlyListMonster,
                (_, _, _) => ValueTask.FromResult(_monsters.List()))
            .Add(Methods.MonstersSubscribe, RpcAccess.User, json.MonstersSubscribeParams, json.MonsterSnapshot,
                (session, p, _) => ValueTask.FromResult(_feed.Subscribe(session, p.Radius, p.Partial)))
            .Add(Methods.MonstersUnsubscribe, RpcAccess.User, json.EmptyParams, json.UnsubscribeResult,
                (session, _, _) => ValueTask.FromResult(new UnsubscribeResult(_feed.Unsubscribe(session))))
            .Add(Methods.MonstersHit, RpcAccess.User, json.MonsterRef, json.Monster,
                (session, p, ct) => _authority.AskAsync<HitRequest, Monster>(MonsterOperations.Hit, new HitRequest(session.User!.Id, p.Id), ct))
            .Add(Methods.MonstersGet, RpcAccess.User, json.MonsterRef, json.Monster,
                (_, p, _) => ValueTask.FromResult(_monsters.Get(p.Id)))
            .Add(Methods.MonstersCreate, RpcAccess.Admin, json.MonsterCreate, json.Monster,
                (_, p, ct) => _authority.AskAsync<MonsterCreate, Monster>(MonsterOperations.Create, p, ct))
            .Add(Methods.MonstersUpdate, RpcAccess.Admin, json.MonsterUpdate, json.Monster,
                (_, p, ct) => _authority.AskAsync<MonsterUpdate, Monster>(MonsterOperations.Update, p, ct))
            .Add(Methods.MonstersTransition, RpcAccess.Admin, json.MonsterTransitionParams, json.Monster,
                (_, p, ct) => _authority.AskAsync<MonsterTransitionParams, Monster>(MonsterOperations.Transition, p, ct))
            .Add(Methods.MonstersDelete, RpcAccess.Admin, json.MonsterRef, json.DeleteResult,
                (_, p, ct) => _authority.AskAsync<MonsterRef, DeleteResult>(MonsterOperations.Delete, p, ct));
    }
}
